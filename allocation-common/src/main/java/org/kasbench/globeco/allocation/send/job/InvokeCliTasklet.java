package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendMetrics;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.kasbench.globeco.allocation.send.cli.CliRunFailedException;

import org.kasbench.globeco.allocation.send.cli.CliInvocation;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.CliRun;
import org.kasbench.globeco.allocation.send.cli.CliRuns;
import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;
import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;

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

	private final BatchRepository batches;

	private final BatchFiles files;

	private final PortfolioAccountingCli cli;

	private final CliProperties cliProperties;

	private final SendMetrics metrics;

	private final AttemptFailures failures;

	private final CliRuns runs;

	InvokeCliTasklet(BatchRepository batches, BatchFiles files, PortfolioAccountingCli cli, CliProperties cliProperties,
			SendMetrics metrics, AttemptFailures failures, CliRuns runs) {
		this.batches = batches;
		this.files = files;
		this.cli = cli;
		this.cliProperties = cliProperties;
		this.metrics = metrics;
		this.failures = failures;
		this.runs = runs;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		Attempt attempt = SendJobParameters.attempt(context);
		int batchId = attempt.batchId();
		Files.deleteIfExists(files.errorsFile(batchId, attempt.number()));
		batches.recordCliStart(attempt, cli.mode(), null);
		CliRun run = metrics.timeCli(cli.mode(), () -> cli.run(new CliInvocation(batchId,
				files.file(batchId, attempt.number()), attempt.number(), cliProperties.timeout())));
		batches.recordCliEnd(attempt, run.exitCode(), run.jobName());
		if (!run.succeeded() && runs.stopped()) {
			fail(attempt, FailureReason.INTERRUPTED_BY_SHUTDOWN,
					"Interrupted by the shutdown of " + attempt.leaseOwner()
							+ " while the CLI ran; the CLI was stopped with"
							+ " everything it started, and the next send or send-worker run sends the batch again");
		}
		if (run.timedOut()) {
			fail(attempt, FailureReason.CLI_TIMEOUT,
					"CLI did not finish within " + cliProperties.timeout() + tail(run));
		}
		if (!run.succeeded()) {
			fail(attempt, FailureReason.CLI_FAILED,
					(run.exitCode() == null ? "CLI could not be run" : "CLI exited with " + run.exitCode())
							+ tail(run));
		}
		if (run.summary().problem() != null) {
			fail(attempt, FailureReason.CLI_FAILED, run.summary().problem() + tail(run));
		}
		AttemptResults.putCliSummary(contribution, run.summary().summary());
		return RepeatStatus.FINISHED;
	}

	private void fail(Attempt attempt, FailureReason reason, String message) {
		failures.record(attempt, reason, message);
		throw new CliRunFailedException(message);
	}

	private static String tail(CliRun run) {
		return run.outputTail() == null || run.outputTail().isBlank() ? "" : "; last output:\n" + run.outputTail();
	}

}
