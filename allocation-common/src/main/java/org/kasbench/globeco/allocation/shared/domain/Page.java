package org.kasbench.globeco.allocation.shared.domain;

import java.util.List;

/** One page of a limit/offset listing and the total it was cut from. */
public record Page<T>(List<T> items, long totalElements, int limit, int offset) {

	public int totalPages() {
		return (int) ((totalElements + limit - 1) / limit);
	}

	public int currentPage() {
		return offset / limit;
	}

	public boolean hasNext() {
		return offset + items.size() < totalElements;
	}

	public boolean hasPrevious() {
		return offset > 0;
	}
}
