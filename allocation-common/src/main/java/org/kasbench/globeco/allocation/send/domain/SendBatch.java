package org.kasbench.globeco.allocation.send.domain;

import java.time.OffsetDateTime;

/**
 * One send: the window it opened, the rows it claimed, the file it wrote, what the CLI
 * made of each row, and who runs it now. {@code acceptedCount} counts rows delivered now
 * or earlier ({@code deliveredEarlierCount} of them earlier); {@code rejectedCount} rows
 * refused on their merits; {@code pendingCount} rows still to deliver.
 */
public record SendBatch(int id, OffsetDateTime startTime, OffsetDateTime previousStartTime, SendBatchStatus status,
		String executionMode, String fileName, Integer processedCount, Integer acceptedCount,
		Integer deliveredEarlierCount, Integer rejectedCount, Integer pendingCount, String jobName, Long jobExecutionId,
		Integer cliExitCode, FailureReason failureReason, String message, OffsetDateTime cliStartedAt,
		OffsetDateTime cliFinishedAt, OffsetDateTime finishedAt, OffsetDateTime updatedAt, int attempts,
		OffsetDateTime nextAttemptAt, String leaseOwner, OffsetDateTime leaseExpiresAt, boolean verdictRecorded,
		int version) {

	/** Failed at least this many times in a row: an operator should look. */
	public boolean needsAttention(int attentionAfterAttempts) {
		return status == SendBatchStatus.FAILED && attempts >= attentionAfterAttempts;
	}
}
