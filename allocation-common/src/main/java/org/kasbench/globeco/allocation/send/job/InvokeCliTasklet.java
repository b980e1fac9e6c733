package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendMetrics;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.kasbench.globeco.allocation.send.cli.CliRunFailedException;

import org.kasbench.globeco.allocation.send.cli.CliInvocation;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.CliRun;
import org.kasbench.globeco.allocation.send.cli.CliRuns;
import org.kasbench.globeco.allocation.send.cli.CliSummary;
import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Runs the Portfolio Accounting CLI on the attempt's file and keeps its summary for the
 * verdict. A CLI that could not run, exited non-zero, timed out, was stopped by this
 * process's shutdown, or printed no summary (or two that disagree) gave no verdict for
 * any row: the batch FAILS and its next attempt sends every row again (rows this run did
 * deliver come back as already delivered). A batch interrupted by a shutdown is due again
 * at once.
 */
@Component
class InvokeCliTasklet implements Tasklet {

	static final String SUMMARY_TOTAL = "cli.summary.total";
	static final String SUMMARY_SUCCESS = "cli.summary.success";
	static final String SUMMARY_ERRORS = "cli.summary.errors";

	private final BatchRepository batches;

	private final BatchFiles files;

	private final PortfolioAccountingCli cli;

	private final CliProperties cliProperties;

	private final SendProperties sendProperties;

	private final SendMetrics metrics;

	private final SendLease lease;

	private final CliRuns runs;

	InvokeCliTasklet(BatchRepository batches, BatchFiles files, PortfolioAccountingCli cli, CliProperties cliProperties,
			SendProperties sendProperties, SendMetrics metrics, SendLease lease, CliRuns runs) {
		this.batches = batches;
		this.files = files;
		this.cli = cli;
		this.cliProperties = cliProperties;
		this.sendProperties = sendProperties;
		this.metrics = metrics;
		this.lease = lease;
		this.runs = runs;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		SendJobParameters job = SendJobParameters.of(context);
		int batchId = job.batchId();
		Files.deleteIfExists(files.errorsFile(batchId, job.attempt()));
		batches.recordCliStart(batchId, lease.owner(), cli.mode(), null);
		CliRun run = metrics.timeCli(cli.mode(), () -> cli.run(new CliInvocation(batchId,
				files.file(batchId, job.attempt()), job.attempt(), cliProperties.timeout())));
		batches.recordCliEnd(batchId, lease.owner(), run.exitCode(), run.jobName());
		if (!run.succeeded() && runs.stopped()) {
			fail(job, FailureReason.INTERRUPTED_BY_SHUTDOWN,
					"Interrupted by the shutdown of " + lease.owner() + " while the CLI ran; the CLI was stopped with"
							+ " everything it started, and the next send or send-worker run sends the batch again",
					Duration.ZERO);
		}
		if (run.timedOut()) {
			fail(job, FailureReason.CLI_TIMEOUT, "CLI did not finish within " + cliProperties.timeout() + tail(run));
		}
		if (!run.succeeded()) {
			fail(job, FailureReason.CLI_FAILED,
					(run.exitCode() == null ? "CLI could not be run" : "CLI exited with " + run.exitCode())
							+ tail(run));
		}
		if (run.summary().problem() != null) {
			fail(job, FailureReason.CLI_FAILED, run.summary().problem() + tail(run));
		}
		CliSummary summary = run.summary().summary();
		ExecutionContext shared = context.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		shared.putLong(SUMMARY_TOTAL, summary.total());
		shared.putLong(SUMMARY_SUCCESS, summary.success());
		shared.putLong(SUMMARY_ERRORS, summary.errors());
		return RepeatStatus.FINISHED;
	}

	private void fail(SendJobParameters job, FailureReason reason, String message) {
		fail(job, reason, message, sendProperties.retryIn(job.attempt()));
	}

	private void fail(SendJobParameters job, FailureReason reason, String message, Duration retryIn) {
		batches.recordFailure(job.batchId(), lease.owner(), reason, message, retryIn);
		throw new CliRunFailedException(message);
	}

	private static String tail(CliRun run) {
		return run.outputTail() == null || run.outputTail().isBlank() ? "" : "; last output:\n" + run.outputTail();
	}

}
