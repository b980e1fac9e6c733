package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendMetrics;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.kasbench.globeco.allocation.send.cli.CliErrorsFile;
import org.kasbench.globeco.allocation.send.cli.CliRunFailedException;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.CliErrorClassifier;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.UnverifiableCliOutputException;
import org.kasbench.globeco.allocation.send.domain.VerdictRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
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

	private final VerdictRepository verdicts;

	private final BatchFiles files;

	private final CliErrorClassifier classifier;

	private final SendProperties properties;

	private final SendMetrics metrics;

	private final AttemptFailures failures;

	RecordVerdictTasklet(VerdictRepository verdicts, BatchFiles files, SendProperties properties, SendMetrics metrics,
			AttemptFailures failures) {
		this.verdicts = verdicts;
		this.files = files;
		this.properties = properties;
		this.metrics = metrics;
		this.failures = failures;
		SendProperties.Verdict rules = properties.verdict();
		this.classifier = new CliErrorClassifier(rules.notDelivered(), rules.deliveredEarlier(), rules.refused());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		Attempt attempt = SendJobParameters.attempt(context);
		long rowsInFile = AttemptResults.rowsWritten(context);
		CliErrorsFile errorsFile = new CliErrorsFile(files.errorsFile(attempt.batchId(), attempt.number()), classifier,
				AttemptResults.cliSummary(context), rowsInFile);
		Batch batch;
		try {
			batch = verdicts.recordVerdict(attempt, files.file(attempt.batchId(), attempt.number()), errorsFile,
					properties.retryIn(attempt.number()));
		}
		catch (UnverifiableCliOutputException e) {
			String message = "No verdict: " + e.getMessage() + "; every row of the file is sent again";
			failures.record(attempt, FailureReason.CLI_FAILED, message);
			throw new CliRunFailedException(message);
		}
		metrics.verdicts(rowsInFile, errorsFile.verdictCounts());
		log.info("Batch {} attempt {}: {}", batch.id(), attempt.number(), batch.message());
		if (batch.status() == BatchStatus.FAILED) {
			throw new CliRunFailedException(batch.message());
		}
		if (files.cleanup()) {
			files.deleteAll(batch.id());
		}
		return RepeatStatus.FINISHED;
	}

}
