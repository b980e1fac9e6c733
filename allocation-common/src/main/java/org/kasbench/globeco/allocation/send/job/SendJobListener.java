package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendMetrics;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;

import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Ties each job execution to its batch, and marks the batch FAILED (retryable, with
 * backoff) when the job failed for a reason no step recorded: most often the shared files
 * directory (full, read-only, missing).
 */
@Component
class SendJobListener implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SendJobListener.class);

	private final BatchRepository batches;

	private final BatchFiles files;

	private final SendProperties properties;

	private final SendMetrics metrics;

	private final SendLease lease;

	SendJobListener(BatchRepository batches, BatchFiles files, SendProperties properties, SendMetrics metrics,
			SendLease lease) {
		this.batches = batches;
		this.files = files;
		this.properties = properties;
		this.metrics = metrics;
		this.lease = lease;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		batches.recordJobExecution(SendJobParameters.of(execution.getJobParameters()).batchId(), lease.owner(),
				execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		SendJobParameters job = SendJobParameters.of(execution.getJobParameters());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			try {
				Files.deleteIfExists(files.partFile(job.batchId(), job.attempt()));
			}
			catch (IOException | UncheckedIOException e) {
				log.warn("Batch {}: cannot remove its part file: {}", job.batchId(), e.getMessage());
			}
			if (execution.getAllFailureExceptions().stream().anyMatch(e -> e instanceof LeaseLostException)) {
				log.warn("Batch {} attempt {} stopped: another process took the batch over", job.batchId(),
						job.attempt());
				return; // the batch's status is the new owner's, not this attempt's end
			}
			else if (batches.find(job.batchId()).map(Batch::status).filter(s -> s.isRunning()).isPresent()) {
				recordUnexpectedFailure(execution, job);
			}
		}
		batches.find(job.batchId()).map(Batch::status).ifPresent(metrics::batchEnded);
	}

	private void recordUnexpectedFailure(JobExecution execution, SendJobParameters job) {
		// A full disk can surface first as a failure to save the step's state, with the
		// IOException further down the list.
		Throwable cause = execution.getAllFailureExceptions()
			.stream()
			.filter(e -> causes(e, IOException.class))
			.findFirst()
			.orElse(execution.getAllFailureExceptions().stream().findFirst().orElse(null));
		boolean storage = causes(cause, IOException.class);
		if (storage) {
			log.error("Batch {}: the shared files directory cannot be written: {}", job.batchId(), rootMessage(cause));
		}
		else {
			log.error("Send job for batch {} failed", job.batchId(), cause);
		}
		String message = storage
				? "The shared files directory " + files.dir() + " could not be written: " + rootMessage(cause)
				: "The send job failed (" + execution.getExitStatus().getExitCode() + ")";
		batches.recordFailure(job.batchId(), lease.owner(),
				storage ? FailureReason.FILES_UNAVAILABLE : FailureReason.INTERNAL_ERROR, message,
				properties.retryIn(job.attempt()));
	}

	private static boolean causes(Throwable e, Class<? extends Throwable> type) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root != null && root.getCause() != null) {
			root = root.getCause();
		}
		return root == null ? "unknown" : root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
