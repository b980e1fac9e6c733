package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.cli.BatchFiles;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renames the fully written part file into place, so the CLI never sees a partial file.
 */
@Component
class PublishFileTasklet implements Tasklet {

	private final BatchRepository batches;

	private final BatchFiles files;

	PublishFileTasklet(BatchRepository batches, BatchFiles files) {
		this.batches = batches;
		this.files = files;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		Attempt attempt = SendJobParameters.attempt(context);
		Path file = files.file(attempt.batchId(), attempt.number());
		Files.move(files.partFile(attempt.batchId(), attempt.number()), file, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		batches.recordFile(attempt, file.getFileName().toString(), AttemptResults.rowsWritten(context));
		return RepeatStatus.FINISHED;
	}

}
