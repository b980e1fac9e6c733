package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.send.domain.RecordedVerdict;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.StatusChange;

import java.time.OffsetDateTime;
import java.util.List;

import static org.kasbench.globeco.allocation.api.web.OpenApiConfiguration.EPOCH_SECONDS;

/**
 * A batch record for audit: what it sent, how the CLI ran, what it refused, and how its
 * status moved.
 */
public record BatchDto(int batchId, @Schema(implementation = BatchStatus.class) String status,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime startTime,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime previousStartTime,
		@Schema(nullable = true) String executionMode, @Schema(nullable = true) String fileName,
		@Schema(nullable = true) Integer processedCount,
		@Schema(nullable = true,
				description = "Rows Portfolio Accounting holds: delivered now or by an earlier attempt") Integer acceptedCount,
		@Schema(nullable = true,
				description = "Of acceptedCount, the rows an earlier attempt had delivered") Integer deliveredEarlierCount,
		@Schema(nullable = true, description = "Rows refused on their merits") Integer rejectedCount,
		@Schema(nullable = true,
				description = "Rows not delivered yet; the next attempt sends them") Integer pendingCount,
		@Schema(nullable = true) String jobName, @Schema(nullable = true) Long jobExecutionId,
		@Schema(nullable = true) Integer cliExitCode, @Schema(nullable = true) String failureReason,
		@Schema(nullable = true) String message,
		@Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime cliStartedAt,
		@Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime cliFinishedAt,
		@Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime finishedAt,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime updatedAt,
		@Schema(description = "Runs that have taken this batch") int attempts,
		@Schema(type = "number", nullable = true,
				description = "When a FAILED batch is retried automatically; "
						+ EPOCH_SECONDS) OffsetDateTime nextAttemptAt,
		@Schema(type = "number", nullable = true,
				description = "Until when the running process holds the batch; "
						+ EPOCH_SECONDS) OffsetDateTime leaseExpiresAt,
		@Schema(description = "FAILED again and again: an operator should look") boolean needsAttention, int version,
		@Schema(description = "Rows not plainly delivered, with the CLI's words (empty in lists)") List<RowOutcomeDto> rowOutcomes,
		List<StatusEntry> statusHistory) {

	/** One step of the batch's status history. */
	public record StatusEntry(@Schema(implementation = BatchStatus.class) String status,
			@Schema(nullable = true) String message,
			@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime recordedAt) {

		static StatusEntry from(StatusChange change) {
			return new StatusEntry(change.status().name(), change.message(), change.recordedAt());
		}
	}

	/**
	 * A row of the batch and its verdict: DELIVERED_EARLIER, REFUSED or NOT_DELIVERED.
	 */
	public record RowOutcomeDto(@Schema(example = "AC1042") String sourceId,
			@Schema(implementation = RowVerdict.class) String verdict, String errorMessage) {

		static RowOutcomeDto from(RecordedVerdict verdict) {
			return new RowOutcomeDto(verdict.sourceId(), verdict.verdict().name(), verdict.errorMessage());
		}
	}

	static BatchDto from(Batch b, int attentionAfterAttempts, List<RecordedVerdict> verdicts,
			List<StatusChange> history) {
		return new BatchDto(b.id(), b.status().name(), b.startTime(), b.previousStartTime(), b.executionMode(),
				b.fileName(), b.claimedCount(), b.acceptedCount(), b.deliveredEarlierCount(), b.refusedCount(),
				b.undeliveredCount(), b.jobName(), b.jobExecutionId(), b.cliExitCode(),
				b.failureReason() == null ? null : b.failureReason().name(), b.message(), b.cliStartedAt(),
				b.cliFinishedAt(), b.finishedAt(), b.updatedAt(), b.attempts(), b.nextAttemptAt(), b.leaseExpiresAt(),
				b.needsAttention(attentionAfterAttempts), b.version(),
				verdicts.stream().map(RowOutcomeDto::from).toList(), history.stream().map(StatusEntry::from).toList());
	}
}
