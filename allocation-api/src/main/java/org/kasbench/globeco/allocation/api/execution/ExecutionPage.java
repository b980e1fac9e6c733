package org.kasbench.globeco.allocation.api.execution;

import org.kasbench.globeco.allocation.api.web.Pagination;
import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.shared.domain.Page;

import java.util.List;

/** The answer to {@code GET /api/v1/executions}. */
public record ExecutionPage(List<ExecutionDto> executions, Pagination pagination) {

	static ExecutionPage from(Page<Execution> page) {
		return new ExecutionPage(page.items().stream().map(ExecutionDto::from).toList(), Pagination.of(page));
	}
}
