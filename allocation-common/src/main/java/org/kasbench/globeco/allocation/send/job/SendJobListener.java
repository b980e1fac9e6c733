package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendMetrics;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.stream.Stream;

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

	private final SendMetrics metrics;

	private final AttemptFailures failures;

	SendJobListener(BatchRepository batches, BatchFiles files, SendMetrics metrics, AttemptFailures failures) {
		this.batches = batches;
		this.files = files;
		this.metrics = metrics;
		this.failures = failures;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		batches.recordJobExecution(SendJobParameters.attempt(execution.getJobParameters()), execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		Attempt attempt = SendJobParameters.attempt(execution.getJobParameters());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			try {
				Files.deleteIfExists(files.partFile(attempt.batchId(), attempt.number()));
			}
			catch (IOException | UncheckedIOException e) {
				log.warn("Batch {}: cannot remove its part file: {}", attempt.batchId(), e.getMessage());
			}
			if (execution.getAllFailureExceptions().stream().anyMatch(e -> e instanceof LeaseLostException)) {
				log.warn("Batch {} attempt {} stopped: another process took the batch over", attempt.batchId(),
						attempt.number());
				return; // the batch's status is the new owner's, not this attempt's end
			}
			else if (batches.find(attempt.batchId()).map(Batch::status).filter(s -> s.isRunning()).isPresent()) {
				recordUnexpectedFailure(execution, attempt);
			}
		}
		batches.find(attempt.batchId()).map(Batch::status).ifPresent(metrics::batchEnded);
	}

	private void recordUnexpectedFailure(JobExecution execution, Attempt attempt) {
		// A full disk can surface first as a failure to save the step's state, with the
		// IOException further down the list.
		Throwable cause = execution.getAllFailureExceptions()
			.stream()
			.filter(SendJobListener::causedByStorage)
			.findFirst()
			.orElse(execution.getAllFailureExceptions().stream().findFirst().orElse(null));
		boolean storage = causedByStorage(cause);
		if (storage) {
			log.error("Batch {}: the shared files directory cannot be written: {}", attempt.batchId(),
					rootMessage(cause));
		}
		else {
			log.error("Send job for batch {} failed", attempt.batchId(), cause);
		}
		String message = storage
				? "The shared files directory " + files.dir() + " could not be written: " + rootMessage(cause)
				: "The send job failed (" + execution.getExitStatus().getExitCode() + ")";
		failures.record(attempt, storage ? FailureReason.FILES_UNAVAILABLE : FailureReason.INTERNAL_ERROR, message);
	}

	private static boolean causedByStorage(Throwable e) {
		return Stream.iterate(e, Objects::nonNull, Throwable::getCause).anyMatch(IOException.class::isInstance);
	}

	private static String rootMessage(Throwable e) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
