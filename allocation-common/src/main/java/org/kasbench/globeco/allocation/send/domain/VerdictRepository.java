package org.kasbench.globeco.allocation.send.domain;

import java.nio.file.Path;
import java.time.Duration;

/** Where the verdicts of an attempt's rows are kept, and what they make of the batch. */
public interface VerdictRepository {

	/**
	 * Records the verdicts of the rows of the attempt's file from the lines of the CLI's
	 * errors file (every row the file does not name was delivered) and closes the batch,
	 * or marks it FAILED with NOT_DELIVERED and the next attempt due after
	 * {@code retryIn} when rows are left to send ({@link VerdictTally}). Only when every
	 * line names a row of {@code attemptFile}, none twice, and repeats that row as the
	 * file holds it.
	 * @throws UnverifiableCliOutputException when the errors file does not check out;
	 * nothing is recorded
	 * @throws LeaseLostException when another process has taken the batch over; nothing
	 * is recorded
	 */
	Batch recordVerdict(Attempt attempt, Path attemptFile, ErrorsFileLines errorsFile, Duration retryIn);

}
