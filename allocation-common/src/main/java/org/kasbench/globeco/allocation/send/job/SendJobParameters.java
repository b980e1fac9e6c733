package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * The send job's parameters: one job instance per attempt of a batch (batch id and
 * attempt number identify it), with the attempt's lease owner beside them, so that every
 * step writes under the attempt's lease. A fresh instance per attempt (rather than a
 * restart) is what lets a batch be run again whatever its last run left behind: an
 * execution marked running by a process that died, one in Spring Batch's UNKNOWN state
 * after a storage error, or a completed one whose refused rows an operator requeued.
 */
public final class SendJobParameters {

	static final String BATCH_ID = "batchId";

	private static final String ATTEMPT = "attempt";

	private static final String LEASE_OWNER = "leaseOwner";

	private SendJobParameters() {
	}

	public static JobParameters of(Attempt attempt) {
		return new JobParametersBuilder().addLong(BATCH_ID, (long) attempt.batchId())
			.addLong(ATTEMPT, (long) attempt.number())
			.addString(LEASE_OWNER, attempt.leaseOwner(), false)
			.toJobParameters();
	}

	static Attempt attempt(JobParameters parameters) {
		return new Attempt(parameters.getLong(BATCH_ID).intValue(), parameters.getLong(ATTEMPT).intValue(),
				parameters.getString(LEASE_OWNER));
	}

	static Attempt attempt(ChunkContext context) {
		return attempt(context.getStepContext().getStepExecution().getJobParameters());
	}

}
