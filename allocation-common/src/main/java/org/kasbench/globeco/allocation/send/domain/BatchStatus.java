package org.kasbench.globeco.allocation.send.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a batch is in its life. A batch is closed only when no row is left undelivered;
 * FAILED waits for its next automatic attempt; the others are a run in progress.
 */
public enum BatchStatus {

	/** The chain's first row, not a send. */
	SEED, OPEN,
	/** Handed to a Kubernetes Job of the send worker; the API did not wait. */
	STARTED, CLAIMED, FILE_WRITTEN, CLI_RUNNING,
	/** A retry has taken the batch and is running it again. */
	RETRYING, COMPLETED, COMPLETED_WITH_REJECTIONS, NOTHING_TO_SEND, FAILED;

	/**
	 * Every row has its final verdict (or there were none): nothing will run this batch
	 * again on its own.
	 */
	public boolean isClosed() {
		return this == COMPLETED || this == COMPLETED_WITH_REJECTIONS || this == NOTHING_TO_SEND || this == SEED;
	}

	public boolean isRunning() {
		return !isClosed() && this != FAILED;
	}

	/**
	 * Whether an operator may put the batch's refused rows back to be sent: only when no
	 * attempt runs it, since a running attempt's verdict would overwrite theirs.
	 */
	public boolean mayRequeueRefused() {
		return !isRunning();
	}

	public static Set<BatchStatus> closed() {
		return all(BatchStatus::isClosed);
	}

	public static Set<BatchStatus> running() {
		return all(BatchStatus::isRunning);
	}

	private static Set<BatchStatus> all(Predicate<BatchStatus> which) {
		Set<BatchStatus> statuses = EnumSet.noneOf(BatchStatus.class);
		Arrays.stream(values()).filter(which).forEach(statuses::add);
		return statuses;
	}

}
