package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendMetrics;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.kasbench.globeco.allocation.send.cli.CliErrorsFile;
import org.kasbench.globeco.allocation.send.cli.CliRunFailedException;

import org.kasbench.globeco.allocation.send.cli.CliSummary;
import org.kasbench.globeco.allocation.send.domain.CliErrorClassifier;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.UnverifiableCliOutputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * Gives every row of the attempt's file its verdict from the CLI's errors file: rows it
 * does not name were delivered; the others are delivered earlier, refused, or not
 * delivered, by {@link CliErrorClassifier}. Only when that output fully checks out
 * ({@link CliErrorsFile}, and each line against the attempt's file): otherwise nothing is
 * taken as delivered and the batch FAILS (CLI_FAILED), every row to be sent again. The
 * batch closes only when no row is left undelivered; otherwise it FAILS and its next
 * attempt sends just those rows.
 */
@Component
class RecordVerdictTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(RecordVerdictTasklet.class);

	private final BatchRepository batches;

	private final BatchFiles files;

	private final CliErrorClassifier classifier;

	private final SendProperties properties;

	private final SendMetrics metrics;

	private final SendLease lease;

	RecordVerdictTasklet(BatchRepository batches, BatchFiles files, SendProperties properties, SendMetrics metrics,
			SendLease lease) {
		this.batches = batches;
		this.files = files;
		this.properties = properties;
		this.metrics = metrics;
		this.lease = lease;
		SendProperties.Verdict rules = properties.verdict();
		this.classifier = new CliErrorClassifier(rules.notDelivered(), rules.deliveredEarlier(), rules.refused());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		SendJobParameters job = SendJobParameters.of(context);
		long rowsInFile = SendJobConfiguration.rowsWritten(context);
		ExecutionContext shared = context.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
		CliSummary summary = new CliSummary(shared.getLong(InvokeCliTasklet.SUMMARY_TOTAL),
				shared.getLong(InvokeCliTasklet.SUMMARY_SUCCESS), shared.getLong(InvokeCliTasklet.SUMMARY_ERRORS));
		CliErrorsFile errors = new CliErrorsFile(files.errorsFile(job.batchId(), job.attempt()), classifier, summary,
				rowsInFile);
		Batch batch;
		try {
			batch = batches.recordVerdict(job.batchId(), lease.owner(), files.file(job.batchId(), job.attempt()),
					errors, properties.retryIn(job.attempt()));
		}
		catch (UnverifiableCliOutputException e) {
			String message = "No verdict: " + e.getMessage() + "; every row of the file is sent again";
			batches.recordFailure(job.batchId(), lease.owner(), FailureReason.CLI_FAILED, message,
					properties.retryIn(job.attempt()));
			throw new CliRunFailedException(message);
		}
		metrics.verdicts(rowsInFile, errors.verdictCounts());
		log.info("Batch {} attempt {}: {}", batch.id(), job.attempt(), batch.message());
		if (batch.status() == BatchStatus.FAILED) {
			throw new CliRunFailedException(batch.message());
		}
		if (files.cleanup()) {
			files.deleteAll(batch.id());
		}
		return RepeatStatus.FINISHED;
	}

}
