package org.kasbench.globeco.allocation.send.domain;

import org.kasbench.globeco.allocation.shared.domain.Page;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Where send batches, their claims and their outcomes are kept. */
public interface SendBatchRepository {

    /**
     * The requirements' algorithm: read max(start_time), insert a batch chained to it with the database's
     * own start time. Short, and changes nothing else.
     *
     * @throws SendInProgressException when another send inserted the same previous start time first
     */
    SendBatch open(String executionMode);

    /**
     * Claims, for this batch, every execution that was ready before its start time and that no batch has
     * claimed: so also rows whose insert committed after an earlier batch looked. Returns how many rows the
     * batch holds. Safe to repeat.
     */
    int claim(int batchId);

    Optional<SendBatch> find(int batchId);

    Page<SendBatch> list(int limit, int offset);

    /**
     * Batches a retry could complete, oldest first: FAILED ones, and unfinished ones without progress since
     * {@code staleBefore}; only those retried fewer than {@code maxRetries} times.
     */
    List<SendBatch> findRetryable(OffsetDateTime staleBefore, int maxRetries);

    List<StatusChange> history(int batchId);

    List<Rejection> rejections(int batchId);

    void changeStatus(int batchId, SendBatchStatus status, String message);

    void recordFile(int batchId, String fileName);

    void recordJobExecution(int batchId, long jobExecutionId);

    void recordCliStart(int batchId, String executionMode, String jobName);

    void recordCliEnd(int batchId, Integer exitCode, String jobName);

    void recordOutcome(int batchId, SendBatchStatus status, int accepted, List<Rejection> rejections, String message);

    /** Marks a batch FAILED, unless it has finished meanwhile. */
    void recordFailure(int batchId, FailureReason reason, String message);

    /**
     * Takes a batch for a retry if it is still as the caller saw it (status and last update): of two retries
     * at once, one wins. The winner finds the batch RETRYING.
     */
    boolean startRetry(int batchId, SendBatchStatus seenStatus, OffsetDateTime seenUpdatedAt);
}
