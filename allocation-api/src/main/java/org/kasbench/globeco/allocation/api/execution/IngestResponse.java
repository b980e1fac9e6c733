package org.kasbench.globeco.allocation.api.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.execution.domain.IngestFailure;
import org.kasbench.globeco.allocation.execution.domain.IngestOutcome;
import org.kasbench.globeco.allocation.execution.domain.IngestStatus;
import org.kasbench.globeco.allocation.execution.domain.IngestSummary;

import java.util.List;

/**
 * The answer to {@code POST /api/v1/executions}, modelled on the sample API's batch
 * response.
 */
public record IngestResponse(@Schema(implementation = IngestSummary.Verdict.class) String status, String message,
		int totalRequested, int successful, int duplicates, int skipped, int failed, List<Result> results) {

	public record Result(int requestIndex, @Schema(nullable = true) Integer executionServiceId,
			@Schema(implementation = IngestStatus.class) String status,
			@Schema(nullable = true, implementation = IngestFailure.class,
					description = "Why the element FAILED; null otherwise") String code,
			String message, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
					description = "Absent when nothing is stored") ExecutionDto execution) {

		static Result from(IngestOutcome o) {
			return new Result(o.requestIndex(), o.executionServiceId(), o.status().name(),
					o.failure() == null ? null : o.failure().name(), o.message(), ExecutionDto.from(o.execution()));
		}
	}

	static IngestResponse from(IngestSummary summary) {
		return new IngestResponse(summary.verdict().name(), summary.message(), summary.outcomes().size(),
				summary.successful(), summary.duplicates(), summary.skipped(), summary.failed(),
				summary.outcomes().stream().map(Result::from).toList());
	}
}
