package org.kasbench.globeco.allocation.send.job;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * The send job's parameters: one job instance per attempt of a batch. A fresh instance
 * per attempt (rather than a restart) is what lets a batch be run again whatever its last
 * run left behind: an execution marked running by a process that died, one in Spring
 * Batch's UNKNOWN state after a storage error, or a completed one whose refused rows an
 * operator requeued.
 */
public record SendJobParameters(int batchId, int attempt) {

	static final String BATCH_ID = "batchId";
	static final String ATTEMPT = "attempt";

	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addLong(BATCH_ID, (long) batchId)
			.addLong(ATTEMPT, (long) attempt)
			.toJobParameters();
	}

	static SendJobParameters of(JobParameters parameters) {
		return new SendJobParameters(parameters.getLong(BATCH_ID).intValue(), parameters.getLong(ATTEMPT).intValue());
	}

	static SendJobParameters of(ChunkContext context) {
		return of(context.getStepContext().getStepExecution().getJobParameters());
	}
}
