package org.kasbench.globeco.allocation.send.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the verdicts of a batch's rows become its status and message. */
class VerdictTallyTest {

	@Test
	void everyRowAcceptedCompletesTheBatch() {
		VerdictTally tally = VerdictTally.of(5, Map.of(RowVerdict.DELIVERED_EARLIER, 2));

		assertThat(tally.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(tally.accepted()).isEqualTo(5);
		assertThat(tally.sendsAgain()).isFalse();
		assertThat(tally.failureReason()).isNull();
		assertThat(tally.message("ignored"))
			.isEqualTo("5 rows: 5 accepted (2 of them delivered earlier), 0 refused, 0 not delivered");
	}

	@Test
	void refusedRowsAndNoneLeftToSendCloseTheBatchWithRejections() {
		VerdictTally tally = VerdictTally.of(5, Map.of(RowVerdict.REFUSED, 1));

		assertThat(tally.status()).isEqualTo(BatchStatus.COMPLETED_WITH_REJECTIONS);
		assertThat(tally.accepted()).isEqualTo(4);
		assertThat(tally.failureReason()).isNull();
		assertThat(tally.message(null))
			.isEqualTo("5 rows: 4 accepted (0 of them delivered earlier), 1 refused, 0 not delivered");
	}

	@Test
	void aRowNotDeliveredFailsTheBatchToBeSentAgainWithTheClisWords() {
		VerdictTally tally = VerdictTally.of(5, Map.of(RowVerdict.REFUSED, 1, RowVerdict.NOT_DELIVERED, 2));

		assertThat(tally.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(tally.sendsAgain()).isTrue();
		assertThat(tally.failureReason()).isEqualTo(FailureReason.NOT_DELIVERED);
		assertThat(tally.accepted()).isEqualTo(2);
		assertThat(tally.message("HTTP 503: unavailable")).isEqualTo(
				"5 rows: 2 accepted (0 of them delivered earlier), 1 refused, 2 not delivered; they will be sent again"
						+ " (HTTP 503: unavailable)");
		assertThat(tally.message(null)).endsWith("2 not delivered; they will be sent again");
	}

	@Test
	void theClisWordsAreCutAt200Characters() {
		VerdictTally tally = VerdictTally.of(1, Map.of(RowVerdict.NOT_DELIVERED, 1));

		assertThat(tally.message("x".repeat(200))).endsWith("(" + "x".repeat(200) + ")");
		assertThat(tally.message("x".repeat(201))).endsWith("(" + "x".repeat(200) + "...)");
	}

	@Test
	void aBatchThatClaimedNothingHasNothingToSendAgain() {
		VerdictTally tally = VerdictTally.of(0, Map.of());

		assertThat(tally.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(tally.accepted()).isZero();
	}

}
