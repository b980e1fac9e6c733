package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.ClaimRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The batch takes every unclaimed execution ready before its start (on its first attempt;
 * later attempts find the rows it already holds), and clears what earlier attempts left
 * half-written. Ends the job when there is nothing to send, saying which batches not
 * closed hold rows.
 */
@Component
class ClaimTasklet implements Tasklet {

	static final String NOTHING_TO_SEND = "NOTHING_TO_SEND";

	private static final Logger log = LoggerFactory.getLogger(ClaimTasklet.class);

	private final ClaimRepository claims;

	private final BatchRepository batches;

	private final BatchFiles files;

	private final SendProperties properties;

	ClaimTasklet(ClaimRepository claims, BatchRepository batches, BatchFiles files, SendProperties properties) {
		this.claims = claims;
		this.batches = batches;
		this.files = files;
		this.properties = properties;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		Attempt attempt = SendJobParameters.attempt(context);
		int batchId = attempt.batchId();
		files.deleteEarlierPartFiles(batchId, attempt.number());
		int held = claims.claim(attempt, properties.claimSliceSize());
		log.info("Batch {} holds {} executions", batchId, held);
		if (held == 0) {
			batches.recordNothingToSend(attempt, nothingToSend(batchId));
			contribution.setExitStatus(new ExitStatus(NOTHING_TO_SEND));
		}
		return RepeatStatus.FINISHED;
	}

	private String nothingToSend(int batchId) {
		String held = batches.findUnclosedHoldingRows()
			.stream()
			.filter(b -> b.id() != batchId)
			.map(ClaimTasklet::describe)
			.collect(Collectors.joining("; "));
		return held.isEmpty() ? "Nothing to send"
				: "Nothing new to send; executions are held by batches not closed: " + held;
	}

	private static String describe(Batch b) {
		return "batch %d (%s since %s, %d executions not yet delivered%s)".formatted(b.id(), b.status(), b.updatedAt(),
				b.undeliveredSoFar(), b.nextAttemptAt() == null ? "" : ", next attempt at " + b.nextAttemptAt());
	}

}
