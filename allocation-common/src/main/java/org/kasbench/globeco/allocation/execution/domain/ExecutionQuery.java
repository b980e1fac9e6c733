package org.kasbench.globeco.allocation.execution.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A page of executions: exact-match filters, a whitelisted sort, and limit/offset. Filter
 * values are already typed (an {@code executionServiceId} is an Integer, a
 * {@code tradeDate} a LocalDate).
 */
public record ExecutionQuery(Map<String, Object> filters, List<SortKey> sort, int limit, int offset) {

	public static final int MAX_LIMIT = 1000;

	public static final Map<String, Class<?>> FILTERS = Map.of("executionStatus", String.class, "tradeType",
			String.class, "destination", String.class, "ticker", String.class, "portfolioId", String.class,
			"securityId", String.class, "executionServiceId", Integer.class, "tradeDate", LocalDate.class);

	public static final Set<String> SORTABLE = Set.of("id", "executionServiceId", "executionStatus", "tradeType",
			"destination", "tradeDate", "securityId", "portfolioId", "ticker", "quantity", "quantityFilled",
			"totalAmount", "averagePrice", "receivedTimestamp", "sentTimestamp", "readyToSendTimestamp");

	public record SortKey(String field, boolean descending) {
	}

	public ExecutionQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
		}
		if (offset < 0) {
			throw new IllegalArgumentException("offset must be 0 or more");
		}
		if (!FILTERS.keySet().containsAll(filters.keySet())) {
			throw new IllegalArgumentException("unknown filter among " + filters.keySet());
		}
		if (!sort.stream().allMatch(k -> SORTABLE.contains(k.field()))) {
			throw new IllegalArgumentException("unknown sort field among " + sort);
		}
		filters = Map.copyOf(filters);
		sort = sort.isEmpty() ? List.of(new SortKey("id", false)) : List.copyOf(sort);
	}
}
