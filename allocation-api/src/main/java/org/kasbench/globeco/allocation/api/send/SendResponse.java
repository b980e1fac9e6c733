package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;

import java.time.OffsetDateTime;
import java.util.List;

import static org.kasbench.globeco.allocation.api.web.OpenApiConfiguration.EPOCH_SECONDS;

/**
 * The answer to a send or a retry: where the batch ended (or, with 202, that it started).
 */
public record SendResponse(int batchId, @Schema(implementation = BatchStatus.class) String status,
		@Schema(nullable = true) Integer processedCount, @Schema(nullable = true) Integer acceptedCount,
		@Schema(nullable = true) Integer deliveredEarlierCount, @Schema(nullable = true) Integer rejectedCount,
		@Schema(nullable = true) Integer pendingCount, @Schema(nullable = true) String fileName,
		@Schema(nullable = true) String executionMode, @Schema(nullable = true) String jobName,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime startTime,
		@Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime previousStartTime,
		@Schema(nullable = true) String message,
		@Schema(description = "Earlier batches this send ran again first (failed, or left by a process that died)") List<RetriedBatch> retriedBatches) {

	/** An earlier batch that this send ran again, and how that attempt ended. */
	public record RetriedBatch(int batchId, @Schema(implementation = BatchStatus.class) String status,
			@Schema(nullable = true) String message) {
	}

	static SendResponse from(Batch b) {
		return from(b, List.of());
	}

	static SendResponse from(Batch b, List<Batch> retried) {
		return new SendResponse(b.id(), b.status().name(), b.claimedCount(), b.acceptedCount(),
				b.deliveredEarlierCount(), b.refusedCount(), b.undeliveredCount(), b.fileName(), b.executionMode(),
				b.jobName(), b.startTime(), b.previousStartTime(), b.message(),
				retried.stream().map(r -> new RetriedBatch(r.id(), r.status().name(), r.message())).toList());
	}
}
