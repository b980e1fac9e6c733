package org.kasbench.globeco.allocation.api.web;

import org.kasbench.globeco.allocation.execution.domain.ExecutionQuery;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Set;

/**
 * limit/offset of every list endpoint, and the rule that a list rejects parameters it
 * does not know.
 */
public final class PageParameters {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = ExecutionQuery.MAX_LIMIT;

	private PageParameters() {
	}

	public static void rejectUnknown(MultiValueMap<String, String> params, Set<String> known,
			List<ApiError.Detail> problems) {
		params.forEach((name, values) -> {
			if (!known.contains(name)) {
				problems.add(new ApiError.Detail(
						name.length() <= 64 && StrictJson.identifierProblem(name) == null ? name : "?",
						"unknown parameter"));
			}
			else if (values.size() > 1) {
				problems.add(new ApiError.Detail(name, "must be given once"));
			}
		});
	}

	public static int limit(MultiValueMap<String, String> params, List<ApiError.Detail> problems) {
		return integer(params.getFirst("limit"), DEFAULT_LIMIT, "limit", 1, MAX_LIMIT, problems);
	}

	public static int offset(MultiValueMap<String, String> params, List<ApiError.Detail> problems) {
		return integer(params.getFirst("offset"), 0, "offset", 0, Integer.MAX_VALUE, problems);
	}

	/**
	 * Plain decimal digits with an optional minus; {@code +1}, {@code 0x10} and
	 * {@code ' 1'} are not integers here.
	 */
	public static int parseInteger(String raw) {
		return Integer.parseInt(StrictParameterConversion.plain(raw));
	}

	private static int integer(String raw, int fallback, String name, int min, int max,
			List<ApiError.Detail> problems) {
		if (raw == null) {
			return fallback;
		}
		try {
			int value = parseInteger(raw);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ignored) {
			// reported below
		}
		problems.add(new ApiError.Detail(name, max == Integer.MAX_VALUE ? "must be an integer of at least " + min
				: "must be an integer from " + min + " to " + max));
		return fallback;
	}

}
