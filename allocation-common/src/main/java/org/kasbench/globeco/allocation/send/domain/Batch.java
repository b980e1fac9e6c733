package org.kasbench.globeco.allocation.send.domain;

import java.time.OffsetDateTime;

/**
 * One {@code batch_history} row: the window it opened, the rows it claimed, the file its
 * last attempt wrote, what the CLI made of each row, and who runs it now.
 * {@code claimedCount} counts the rows the batch claimed (the column and the wire name
 * say {@code processed_count}); {@code acceptedCount} rows delivered now or earlier
 * ({@code deliveredEarlierCount} of them earlier); {@code refusedCount} rows refused on
 * their merits ({@code rejected_count}); {@code undeliveredCount} rows not delivered
 * after the latest verdict ({@code pending_count}), sent again by the next attempt.
 * {@code attempts} is the number of the latest attempt.
 */
public record Batch(int id, OffsetDateTime startTime, OffsetDateTime previousStartTime, BatchStatus status,
		String executionMode, String fileName, Integer claimedCount, Integer acceptedCount,
		Integer deliveredEarlierCount, Integer refusedCount, Integer undeliveredCount, String jobName,
		Long jobExecutionId, Integer cliExitCode, FailureReason failureReason, String message,
		OffsetDateTime cliStartedAt, OffsetDateTime cliFinishedAt, OffsetDateTime finishedAt, OffsetDateTime updatedAt,
		int attempts, OffsetDateTime nextAttemptAt, String leaseOwner, OffsetDateTime leaseExpiresAt,
		boolean verdictRecorded, int version) {

	/** Failed at least this many times in a row: an operator should look. */
	public boolean needsAttention(int attentionAfterAttempts) {
		return status == BatchStatus.FAILED && attempts >= attentionAfterAttempts;
	}

	/**
	 * Rows the batch holds that are not delivered yet, as far as it knows: every row it
	 * claimed until a verdict is recorded.
	 */
	public int undeliveredSoFar() {
		Integer count = verdictRecorded && undeliveredCount != null ? undeliveredCount : claimedCount;
		return count == null ? 0 : count;
	}

	/** The attempt this batch's latest taker runs, under its lease. */
	public Attempt latestAttempt() {
		return new Attempt(id, attempts, leaseOwner);
	}

}
