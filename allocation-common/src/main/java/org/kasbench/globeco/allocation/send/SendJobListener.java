package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.domain.SendBatchRepository;
import org.kasbench.globeco.allocation.send.domain.SendBatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.SendBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Ties each job execution to its batch, and marks the batch FAILED when the job failed for a reason no step recorded. */
@Component
class SendJobListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SendJobListener.class);

    private final SendBatchRepository batches;
    private final SendMetrics metrics;

    SendJobListener(SendBatchRepository batches, SendMetrics metrics) {
        this.batches = batches;
        this.metrics = metrics;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        batches.recordJobExecution(batchId(execution), execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        int batchId = batchId(execution);
        if (execution.getStatus() != org.springframework.batch.core.BatchStatus.COMPLETED) {
            execution.getAllFailureExceptions().forEach(e -> log.error("Send job for batch {} failed", batchId, e));
            if (batches.find(batchId).map(SendBatch::status).orElse(null) != SendBatchStatus.FAILED) {
                batches.recordFailure(batchId, FailureReason.INTERNAL_ERROR,
                        "The send job failed (" + execution.getExitStatus().getExitCode() + "); retry the batch");
            }
        }
        batches.find(batchId).map(SendBatch::status).ifPresent(metrics::batchFinished);
    }

    private static int batchId(JobExecution execution) {
        return execution.getJobParameters().getLong(SendJobConfiguration.BATCH_ID).intValue();
    }
}
