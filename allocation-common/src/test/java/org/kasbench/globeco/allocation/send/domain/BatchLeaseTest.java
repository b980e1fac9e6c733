package org.kasbench.globeco.allocation.send.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which batch a taker may take, and as which attempt. */
class BatchLeaseTest {

	private static final String TAKER = "host/42/taker";

	@Test
	void theWorkerTakesTheBatchItWasHandedAsTheAttemptTheApiOpened() {
		BatchLease handed = new BatchLease(7, BatchStatus.STARTED, 1, null, false, true);

		assertThat(handed.takenBy(TAKER, Take.HANDED_OFF)).hasValueSatisfying(t -> {
			assertThat(t.attempt()).isEqualTo(new Attempt(7, 1, TAKER));
			assertThat(t.message())
				.isEqualTo("Attempt 1 by " + TAKER + ": the send worker took the batch it was handed");
		});
	}

	@Test
	void aHandedOffBatchSomeoneHasTakenIsNotTheWorkersAnyMore() {
		assertThat(new BatchLease(7, BatchStatus.RETRYING, 2, "other", false, true).takenBy(TAKER, Take.HANDED_OFF))
			.isEmpty();
		assertThat(new BatchLease(7, BatchStatus.STARTED, 1, "other", true, true).takenBy(TAKER, Take.HANDED_OFF))
			.as("taken by a process that died since: for recovery, not for the worker")
			.isEmpty();
		assertThat(new BatchLease(7, BatchStatus.FAILED, 1, null, true, true).takenBy(TAKER, Take.HANDED_OFF))
			.isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = Take.class, names = { "DUE", "NOW" })
	void aRunningBatchWhoseLeaseExpiredIsTakenOverAsItsNextAttempt(Take when) {
		BatchLease abandoned = new BatchLease(7, BatchStatus.CLI_RUNNING, 2, "dead", true, false);

		assertThat(abandoned.takenBy(TAKER, when)).hasValueSatisfying(t -> {
			assertThat(t.attempt()).isEqualTo(new Attempt(7, 3, TAKER));
			assertThat(t.message())
				.isEqualTo("Attempt 3 by " + TAKER + ": taken over from dead, whose lease expired while CLI_RUNNING");
		});
	}

	@ParameterizedTest
	@EnumSource(value = Take.class, names = { "DUE", "NOW" })
	void aRunningBatchUnderALiveLeaseIsNobodyElses(Take when) {
		assertThat(new BatchLease(7, BatchStatus.CLAIMED, 1, "alive", false, true).takenBy(TAKER, when)).isEmpty();
	}

	@Test
	void aHandedOffBatchNotTakenWithinItsGraceIsRecovered() {
		assertThat(new BatchLease(7, BatchStatus.STARTED, 1, null, true, false).takenBy(TAKER, Take.DUE))
			.hasValueSatisfying(t -> assertThat(t.attempt().number()).isEqualTo(2));
	}

	@Test
	void aFailedBatchIsRetriedAutomaticallyOnlyOnceItsBackoffIsOver() {
		assertThat(new BatchLease(7, BatchStatus.FAILED, 2, null, true, false).takenBy(TAKER, Take.DUE)).isEmpty();
		assertThat(new BatchLease(7, BatchStatus.FAILED, 2, null, true, true).takenBy(TAKER, Take.DUE))
			.hasValueSatisfying(t -> {
				assertThat(t.attempt()).isEqualTo(new Attempt(7, 3, TAKER));
				assertThat(t.message()).isEqualTo("Attempt 3 by " + TAKER + ": retrying after it failed");
			});
	}

	@Test
	void anOperatorRetriesAFailedBatchWhateverItsBackoff() {
		assertThat(new BatchLease(7, BatchStatus.FAILED, 2, null, true, false).takenBy(TAKER, Take.NOW))
			.hasValueSatisfying(t -> assertThat(t.attempt().number()).isEqualTo(3));
	}

	@ParameterizedTest
	@EnumSource(value = BatchStatus.class,
			names = { "COMPLETED", "COMPLETED_WITH_REJECTIONS", "NOTHING_TO_SEND", "SEED" })
	void aClosedBatchIsNeverTaken(BatchStatus closed) {
		for (Take when : Take.values()) {
			assertThat(new BatchLease(7, closed, 1, null, true, true).takenBy(TAKER, when)).as("%s", when).isEmpty();
		}
	}

}
