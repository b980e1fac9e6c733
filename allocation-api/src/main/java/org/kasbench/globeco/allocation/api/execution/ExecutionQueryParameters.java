package org.kasbench.globeco.allocation.api.execution;

import org.kasbench.globeco.allocation.api.web.ApiError;
import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.PageParameters;
import org.kasbench.globeco.allocation.api.web.StrictJson;
import org.kasbench.globeco.allocation.execution.domain.ExecutionQuery;
import org.springframework.util.MultiValueMap;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the query string of {@code GET /api/v1/executions} into an
 * {@link ExecutionQuery}. Every problem is collected and reported at once; an unknown
 * parameter is an error too, so a misspelt filter never silently returns everything.
 */
final class ExecutionQueryParameters {

	private ExecutionQueryParameters() {
	}

	static ExecutionQuery parse(MultiValueMap<String, String> params) {
		List<ApiError.Detail> problems = new ArrayList<>();
		Set<String> known = new HashSet<>(ExecutionQuery.FILTERS.keySet());
		known.addAll(Set.of("limit", "offset", "sortBy"));
		PageParameters.rejectUnknown(params, known, problems);
		int limit = PageParameters.limit(params, problems);
		int offset = PageParameters.offset(params, problems);

		Map<String, Object> filters = new LinkedHashMap<>();
		ExecutionQuery.FILTERS.forEach((name, type) -> {
			String raw = params.getFirst(name);
			if (raw != null) {
				Object value = typed(name, raw, type, problems);
				if (value != null) {
					filters.put(name, value);
				}
			}
		});

		List<ExecutionQuery.SortKey> sort = new ArrayList<>();
		String sortBy = params.getFirst("sortBy");
		if (sortBy != null) {
			for (String part : sortBy.split(",", -1)) {
				String token = part.trim();
				boolean descending = token.startsWith("-");
				String field = descending ? token.substring(1) : token;
				if (!ExecutionQuery.SORTABLE.contains(field)) {
					problems.add(new ApiError.Detail("sortBy", "'" + field + "' is not sortable; use "
							+ String.join(", ", ExecutionQuery.SORTABLE.stream().sorted().toList())));
				}
				else if (sort.stream().anyMatch(key -> key.field().equals(field))) {
					// A second key on the same field either contradicts the first or does
					// nothing.
					problems.add(new ApiError.Detail("sortBy", "'" + field + "' is given more than once"));
				}
				else {
					sort.add(new ExecutionQuery.SortKey(field, descending));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw ApiException.badRequest("Invalid query parameters", problems);
		}
		return new ExecutionQuery(filters, sort, limit, offset);
	}

	private static Object typed(String name, String raw, Class<?> type, List<ApiError.Detail> problems) {
		String value = raw.trim();
		try {
			if (type == Integer.class) {
				return PageParameters.parseInteger(raw);
			}
			if (type == LocalDate.class) {
				LocalDate date = LocalDate.parse(value);
				if (date.getYear() >= 1900 && date.getYear() <= 9999) {
					return date;
				}
			}
			else if (StrictJson.identifierProblem(raw) != null) {
				problems.add(new ApiError.Detail(name, StrictJson.identifierProblem(raw)));
				return null;
			}
			else {
				return raw;
			}
		}
		catch (NumberFormatException | DateTimeParseException e) {
			// reported below
		}
		problems.add(new ApiError.Detail(name,
				type == LocalDate.class ? "must be a date YYYY-MM-DD between 1900 and 9999" : "must be an integer"));
		return null;
	}

}
