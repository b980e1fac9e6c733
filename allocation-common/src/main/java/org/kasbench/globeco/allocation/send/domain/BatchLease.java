package org.kasbench.globeco.allocation.send.domain;

import java.util.Optional;

/**
 * A batch's status and lease as a taker finds them with the batch's row locked, read on
 * the database's clock: whether the lease has run out ({@code expired}, also when there
 * is none) and whether a FAILED batch's backoff is over ({@code due}).
 */
public record BatchLease(int batchId, BatchStatus status, int attempts, String owner, boolean expired, boolean due) {

	/**
	 * The attempt {@code taker} may start on the batch as {@code when} allows, with the
	 * words for the batch's history; empty when the batch is not the taker's to run.
	 */
	public Optional<Takeover> takenBy(String taker, Take when) {
		boolean handedOff = when == Take.HANDED_OFF && status == BatchStatus.STARTED && owner == null;
		boolean abandoned = when != Take.HANDED_OFF && status.isRunning() && expired;
		boolean failed = status == BatchStatus.FAILED && (when == Take.NOW || when == Take.DUE && due);
		if (!handedOff && !abandoned && !failed) {
			return Optional.empty();
		}
		// A handed-off batch runs the attempt the API opened; any other taker starts the
		// next one.
		Attempt attempt = new Attempt(batchId, handedOff ? attempts : attempts + 1, taker);
		String why = handedOff ? "the send worker took the batch it was handed" : abandoned
				? "taken over from " + owner + ", whose lease expired while " + status : "retrying after it failed";
		return Optional.of(new Takeover(attempt, "Attempt " + attempt.number() + " by " + taker + ": " + why));
	}

	/** A new attempt on a batch, and what the batch's history says of it. */
	public record Takeover(Attempt attempt, String message) {
	}

}
