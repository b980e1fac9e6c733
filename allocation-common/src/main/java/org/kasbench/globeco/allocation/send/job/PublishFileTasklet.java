package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.cli.BatchFiles;

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

	private final SendLease lease;

	PublishFileTasklet(BatchRepository batches, BatchFiles files, SendLease lease) {
		this.batches = batches;
		this.files = files;
		this.lease = lease;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws IOException {
		SendJobParameters job = SendJobParameters.of(context);
		Path file = files.file(job.batchId(), job.attempt());
		Files.move(files.partFile(job.batchId(), job.attempt()), file, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		batches.recordFile(job.batchId(), lease.owner(), file.getFileName().toString(),
				SendJobConfiguration.rowsWritten(context));
		return RepeatStatus.FINISHED;
	}

}
