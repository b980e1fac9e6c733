package org.kasbench.globeco.allocation.send.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A batch's life and lease, as the runs that send it write them: opened, taken for an
 * attempt, handed to a worker, its steps recorded, failed or closed. The methods an
 * attempt calls change nothing once another process has taken the batch over.
 */
public interface BatchRepository {

	/**
	 * The requirements' algorithm: read max(start_time), insert a batch chained to it
	 * with the database's own start time, leased to {@code owner} for its first attempt.
	 * Short, and changes nothing else.
	 * @throws SendInProgressException when another send inserted the same previous start
	 * time first
	 */
	Batch open(String executionMode, String owner, Duration lease);

	Optional<Batch> find(int batchId);

	/**
	 * Batches an automatic retry should run now: FAILED and due, or running under a lease
	 * that has expired.
	 */
	List<Batch> findDue();

	/**
	 * Batches not closed that hold rows, oldest first: what a send that found nothing new
	 * is waiting for.
	 */
	List<Batch> findUnclosedHoldingRows();

	/**
	 * Takes a batch for a new attempt of {@code taker} if nobody else runs it, as
	 * {@link BatchLease#takenBy} allows. Of two takers at once, one wins.
	 */
	Optional<Attempt> take(int batchId, String taker, Duration lease, Take when);

	/** Extends the attempt's lease; false when the batch is no longer its owner's. */
	boolean renewLease(Attempt attempt, Duration lease);

	/**
	 * Hands an OPEN batch to a worker (a Kubernetes Job), which must take it within
	 * {@code grace}; returns the attempt as handed, with no lease owner.
	 * @throws LeaseLostException when the batch is no longer the attempt's, or no longer
	 * OPEN
	 */
	Attempt handOff(Attempt attempt, String message, Duration grace);

	void recordJobExecution(Attempt attempt, long jobExecutionId);

	void recordFile(Attempt attempt, String fileName, long rows);

	void recordCliStart(Attempt attempt, String executionMode, String jobName);

	void recordCliEnd(Attempt attempt, Integer exitCode, String jobName);

	void recordNothingToSend(Attempt attempt, String message);

	/**
	 * Marks a running batch FAILED, the next attempt due after {@code retryIn}; a closed
	 * batch, or one taken over, keeps what it has.
	 */
	void recordFailure(Attempt attempt, FailureReason reason, String message, Duration retryIn);

	/**
	 * Puts the refused rows of a batch back to be sent again by its next attempt, decided
	 * by {@link BatchStatus#mayRequeueRefused()} on the batch's row locked; returns how
	 * many.
	 * @throws java.util.NoSuchElementException no such batch
	 * @throws RetryNotPossibleException an attempt runs the batch
	 */
	int requeueRefused(int batchId);

}
