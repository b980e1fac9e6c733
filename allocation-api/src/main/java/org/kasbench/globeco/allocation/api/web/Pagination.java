package org.kasbench.globeco.allocation.api.web;

import org.kasbench.globeco.allocation.shared.domain.Page;

/** The pagination block of every list response. */
public record Pagination(int offset, int limit, long totalElements, int totalPages, int currentPage, boolean hasNext,
		boolean hasPrevious) {

	public static Pagination of(Page<?> page) {
		return new Pagination(page.offset(), page.limit(), page.totalElements(), page.totalPages(), page.currentPage(),
				page.hasNext(), page.hasPrevious());
	}
}
