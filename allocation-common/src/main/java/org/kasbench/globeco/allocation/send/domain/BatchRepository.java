package org.kasbench.globeco.allocation.send.domain;

import org.kasbench.globeco.allocation.shared.domain.Page;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where send batches, their claims, their leases and their row verdicts are kept. The
 * methods a run calls take the run's lease owner and change nothing once another process
 * has taken the batch over.
 */
public interface BatchRepository {

	/**
	 * The requirements' algorithm: read max(start_time), insert a batch chained to it
	 * with the database's own start time, leased to {@code owner}. Short, and changes
	 * nothing else.
	 * @throws SendInProgressException when another send inserted the same previous start
	 * time first
	 */
	Batch open(String executionMode, String owner, Duration lease);

	/**
	 * Claims, the first time it is called for this batch, every execution ready before
	 * its start time that no batch holds (so also rows whose insert committed after an
	 * earlier batch looked), at most {@code rowsPerStatement} rows per statement. Later
	 * calls claim nothing more. Returns how many rows the batch holds.
	 * @throws LeaseLostException when the batch is no longer this owner's
	 */
	int claim(int batchId, String owner, int rowsPerStatement);

	Optional<Batch> find(int batchId);

	Page<Batch> list(int limit, int offset);

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

	/** Which batches a taker may take. */
	enum Take {

		/**
		 * The send worker taking the batch the API handed to it (and nobody has taken
		 * since).
		 */
		HANDED_OFF,
		/**
		 * An automatic retry: FAILED and past its backoff, or running (or handed off)
		 * under an expired lease.
		 */
		DUE,
		/**
		 * An operator's retry: FAILED whatever its backoff, or running under an expired
		 * lease.
		 */
		NOW

	}

	/**
	 * Takes a batch for a new attempt if nobody else runs it, as {@code when} allows. Of
	 * two takers at once, one wins.
	 */
	boolean take(int batchId, String owner, Duration lease, Take when);

	/** Extends the lease; false when the batch is no longer this owner's. */
	boolean renewLease(int batchId, String owner, Duration lease);

	/**
	 * Hands an OPEN batch of this owner to another process (a Kubernetes Job), which must
	 * take it within {@code grace}.
	 * @throws LeaseLostException when the batch is no longer this owner's, or no longer
	 * OPEN
	 */
	void handOff(int batchId, String owner, String message, Duration grace);

	List<StatusChange> history(int batchId);

	/** The rows of the batch that were not plainly delivered, with their verdicts. */
	List<RowOutcome> rowOutcomes(int batchId);

	void changeStatus(int batchId, String owner, BatchStatus status, String message);

	void recordFile(int batchId, String owner, String fileName, long rows);

	void recordJobExecution(int batchId, String owner, long jobExecutionId);

	void recordCliStart(int batchId, String owner, String executionMode, String jobName);

	void recordCliEnd(int batchId, String owner, Integer exitCode, String jobName);

	void recordNothingToSend(int batchId, String owner, String message);

	/**
	 * Records the CLI's verdict for the rows of this attempt's file ({@code errors}: the
	 * lines of its errors file; every other row of the file was delivered) and closes the
	 * batch, or marks it FAILED with NOT_DELIVERED and the next attempt due after
	 * {@code retryIn} when rows are still pending. Only when every line names a row of
	 * {@code attemptFile}, none twice, and repeats that row as the file holds it.
	 * @throws UnverifiableCliOutputException when the errors file does not check out;
	 * nothing is recorded
	 * @throws LeaseLostException when another process has taken the batch over; nothing
	 * is recorded
	 */
	Batch recordVerdict(int batchId, String owner, Path attemptFile, ErrorsFileLines errors, Duration retryIn);

	/**
	 * Marks a running batch FAILED, the next attempt due after {@code retryIn}; a closed
	 * batch keeps its outcome.
	 */
	void recordFailure(int batchId, String owner, FailureReason reason, String message, Duration retryIn);

	/**
	 * Puts the refused rows of a closed or failed batch back to be sent again by its next
	 * attempt.
	 */
	int requeueRefused(int batchId);

	/**
	 * @param attentionAfterAttempts a FAILED batch with at least this many attempts needs
	 * an operator
	 */
	DeliveryCounts deliveryCounts(int attentionAfterAttempts);

}
