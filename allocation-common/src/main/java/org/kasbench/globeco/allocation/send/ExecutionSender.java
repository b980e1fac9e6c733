package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.domain.SendBatchRepository;
import org.kasbench.globeco.allocation.send.domain.SendBatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.SendBatch;
import org.kasbench.globeco.allocation.send.cli.PortfolioAccountingCli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.UnexpectedJobExecutionException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Opens send batches and runs the send job for them in this process. Used by the API's in-process launcher,
 * by the send worker, and for retries.
 */
@Service
public class ExecutionSender {

    private static final Logger log = LoggerFactory.getLogger(ExecutionSender.class);

    private final SendBatchRepository batches;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job sendJob;
    private final PortfolioAccountingCli cli;
    private final SendProperties properties;
    private final Clock clock;

    ExecutionSender(SendBatchRepository batches, JobOperator jobOperator, JobRepository jobRepository, Job sendExecutionsJob,
                    PortfolioAccountingCli cli, SendProperties properties, Clock clock) {
        this.batches = batches;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.sendJob = sendExecutionsJob;
        this.cli = cli;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws org.kasbench.globeco.allocation.send.domain.SendInProgressException when another send holds the window */
    public SendBatch open() {
        SendBatch batch = batches.open(cli.mode());
        log.info("Opened batch {} (start {}, previous start {})", batch.id(), batch.startTime(), batch.previousStartTime());
        return batch;
    }

    /** Opens a batch and runs it to the end here. */
    public SendBatch sendNow() {
        return run(open().id());
    }

    /** Runs the send job for an opened batch to the end here, and returns the batch as it ended. */
    public SendBatch run(int batchId) {
        JobParameters parameters = parameters(batchId);
        try {
            JobExecution last = jobRepository.getLastJobExecution(SendJobConfiguration.JOB_NAME, parameters);
            if (last == null) {
                jobOperator.start(sendJob, parameters);
            } else {
                jobOperator.restart(last);
            }
        } catch (JobExecutionAlreadyRunningException | JobRestartException | UnexpectedJobExecutionException e) {
            throw new RetryNotPossibleException("Batch " + batchId + " is already being run");
        } catch (JobInstanceAlreadyCompleteException e) {
            log.info("Batch {} had already completed", batchId);
        } catch (InvalidJobParametersException e) {
            throw new IllegalStateException(e);
        }
        return batches.find(batchId).orElseThrow();
    }

    /**
     * Runs a FAILED batch again from the step that failed: same rows, same file. A batch left unfinished by a
     * process that died (no progress for {@code allocation.send.stale-after}) is marked FAILED first. Of two
     * retries at once, one runs and the other is refused.
     */
    public SendBatch retry(int batchId) {
        SendBatch batch = batches.find(batchId).orElseThrow(() -> new NoSuchElementException("No batch " + batchId));
        if (batch.status() != SendBatchStatus.FAILED) {
            if (batch.status().isFinal() || !isStale(batch)) {
                throw new RetryNotPossibleException("Batch " + batchId + " is " + batch.status()
                        + "; only a FAILED batch, or one without progress for " + properties.staleAfter() + ", can be retried");
            }
            batches.recordFailure(batchId, FailureReason.ABANDONED, "No progress since " + batch.updatedAt() + " while "
                    + batch.status() + "; the process running it is gone");
            batch = batches.find(batchId).orElseThrow();
        }
        if (batch.status() != SendBatchStatus.FAILED || !batches.startRetry(batchId, SendBatchStatus.FAILED, batch.updatedAt())) {
            throw new RetryNotPossibleException("Batch " + batchId + " is being retried already");
        }
        JobExecution last = jobRepository.getLastJobExecution(SendJobConfiguration.JOB_NAME, parameters(batchId));
        if (last != null && last.isRunning()) {
            jobOperator.recover(last); // the batch failed; a run still marked running died with its process
        }
        return run(batchId);
    }

    /**
     * Retries every batch that failed or was abandoned, up to {@code allocation.send.max-automatic-retries} times
     * each, so that rows claimed by a batch that broke are not left behind. Returns the batches as they ended.
     */
    public List<SendBatch> retryUnfinished() {
        OffsetDateTime staleBefore = OffsetDateTime.now(clock).minus(properties.staleAfter());
        List<SendBatch> ended = new ArrayList<>();
        for (SendBatch batch : batches.findRetryable(staleBefore, properties.maxAutomaticRetries())) {
            try {
                ended.add(retry(batch.id()));
            } catch (RetryNotPossibleException e) {
                log.info("Not retrying batch {}: {}", batch.id(), e.getMessage());
            }
        }
        return ended;
    }

    private boolean isStale(SendBatch batch) {
        return batch.updatedAt().isBefore(OffsetDateTime.now(clock).minus(properties.staleAfter()));
    }

    static JobParameters parameters(int batchId) {
        return new JobParametersBuilder().addLong(SendJobConfiguration.BATCH_ID, (long) batchId).toJobParameters();
    }
}
