package org.kasbench.globeco.allocation.send.domain;

import java.util.Map;

/**
 * The verdicts a batch's rows hold after an attempt, and what they make of the batch:
 * closed when no row is left not delivered (COMPLETED, or COMPLETED_WITH_REJECTIONS when
 * rows were refused), else FAILED with NOT_DELIVERED, to be sent again.
 *
 * @param claimed the rows the batch claimed; those without a stored verdict were
 * delivered
 */
public record VerdictTally(int claimed, int deliveredEarlier, int refused, int notDelivered) {

	private static final int REASON_LENGTH = 200;

	/**
	 * @param stored how many rows have each verdict kept beside the plain deliveries
	 */
	public static VerdictTally of(int claimed, Map<RowVerdict, Integer> stored) {
		return new VerdictTally(claimed, stored.getOrDefault(RowVerdict.DELIVERED_EARLIER, 0),
				stored.getOrDefault(RowVerdict.REFUSED, 0), stored.getOrDefault(RowVerdict.NOT_DELIVERED, 0));
	}

	/** Rows delivered by this attempt or an earlier one. */
	public int accepted() {
		return claimed - notDelivered - refused;
	}

	public boolean sendsAgain() {
		return notDelivered > 0;
	}

	public BatchStatus status() {
		return sendsAgain() ? BatchStatus.FAILED
				: refused > 0 ? BatchStatus.COMPLETED_WITH_REJECTIONS : BatchStatus.COMPLETED;
	}

	/** NOT_DELIVERED while rows are left to send; none once the batch closes. */
	public FailureReason failureReason() {
		return sendsAgain() ? FailureReason.NOT_DELIVERED : null;
	}

	/**
	 * @param firstNotDelivered the CLI's words for the first row of the attempt not
	 * delivered, or null
	 */
	public String message(String firstNotDelivered) {
		String counts = "%d rows: %d accepted (%d of them delivered earlier), %d refused, %d not delivered"
			.formatted(claimed, accepted(), deliveredEarlier, refused, notDelivered);
		if (!sendsAgain()) {
			return counts;
		}
		return counts + "; they will be sent again"
				+ (firstNotDelivered == null ? "" : " (" + abbreviate(firstNotDelivered) + ")");
	}

	private static String abbreviate(String text) {
		return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH) + "...";
	}

}
