package org.kasbench.globeco.allocation.send.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff, needing attention, and the sets of statuses the SQL filters on. */
class BatchRulesTest {

	@ParameterizedTest
	@CsvSource({ "1, PT30S", "2, PT1M", "3, PT2M", "4, PT4M", "5, PT5M", "40, PT5M" })
	void theBackoffDoublesAfterEachAttemptUpToItsMaximum(int attempts, Duration expected) {
		assertThat(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5)).after(attempts)).isEqualTo(expected);
	}

	@Test
	void aFirstWaitAboveTheMaximumIsTheMaximum() {
		assertThat(new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(5)).after(1))
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void onlyAShutdownMakesAFailedBatchDueAtOnce() {
		for (FailureReason reason : FailureReason.values()) {
			assertThat(reason.dueAtOnce()).as("%s", reason).isEqualTo(reason == FailureReason.INTERRUPTED_BY_SHUTDOWN);
		}
	}

	@Test
	void aBatchNeedsAttentionWhenItFailedAtLeastThatManyAttempts() {
		assertThat(batch(BatchStatus.FAILED, 3).needsAttention(3)).isTrue();
		assertThat(batch(BatchStatus.FAILED, 2).needsAttention(3)).isFalse();
		assertThat(batch(BatchStatus.RETRYING, 5).needsAttention(3)).as("running again").isFalse();
	}

	@Test
	void everyStatusIsClosedFailedOrRunning() {
		assertThat(BatchStatus.closed()).containsExactlyInAnyOrder(BatchStatus.COMPLETED,
				BatchStatus.COMPLETED_WITH_REJECTIONS, BatchStatus.NOTHING_TO_SEND, BatchStatus.SEED);
		assertThat(BatchStatus.running()).containsExactlyInAnyOrder(BatchStatus.OPEN, BatchStatus.STARTED,
				BatchStatus.CLAIMED, BatchStatus.FILE_WRITTEN, BatchStatus.CLI_RUNNING, BatchStatus.RETRYING);
		assertThat(BatchStatus.FAILED.isClosed() || BatchStatus.FAILED.isRunning()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(names = { "FAILED", "COMPLETED", "COMPLETED_WITH_REJECTIONS", "NOTHING_TO_SEND", "SEED" })
	void refusedRowsMayBeRequeuedWhenNoAttemptRunsTheBatch(BatchStatus status) {
		assertThat(status.mayRequeueRefused()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(names = { "FAILED", "COMPLETED", "COMPLETED_WITH_REJECTIONS", "NOTHING_TO_SEND", "SEED" },
			mode = EnumSource.Mode.EXCLUDE)
	void refusedRowsMayNotBeRequeuedWhileAnAttemptRunsTheBatch(BatchStatus status) {
		assertThat(status.mayRequeueRefused()).isFalse();
	}

	@Test
	void theRowsNotYetDeliveredAreTheClaimedOnesUntilAVerdictExists() {
		assertThat(batch(BatchStatus.CLAIMED, 1, 10, null, false).undeliveredSoFar()).isEqualTo(10);
		assertThat(batch(BatchStatus.FAILED, 1, 10, 3, true).undeliveredSoFar()).isEqualTo(3);
		assertThat(batch(BatchStatus.OPEN, 1, null, null, false).undeliveredSoFar()).as("nothing claimed yet").isZero();
	}

	@Test
	void theLatestAttemptRunsUnderTheBatchsLease() {
		Batch batch = new Batch(9, null, null, BatchStatus.RETRYING, null, null, 1, null, null, null, null, null, null,
				null, null, null, null, null, null, null, 4, null, "owner", null, false, 0);

		assertThat(batch.latestAttempt()).isEqualTo(new Attempt(9, 4, "owner"));
	}

	private static Batch batch(BatchStatus status, int attempts) {
		return batch(status, attempts, 1, null, false);
	}

	private static Batch batch(BatchStatus status, int attempts, Integer claimed, Integer undelivered,
			boolean verdictRecorded) {
		return new Batch(1, null, null, status, null, null, claimed, null, null, null, undelivered, null, null, null,
				null, null, null, null, null, null, attempts, null, null, null, verdictRecorded, 0);
	}

}
