package org.kasbench.globeco.allocation.send.domain;

/** Where a send batch is in its life. The last four are final; FAILED can be retried. */
public enum SendBatchStatus {
    /** The chain's first row, not a send. */
    SEED,
    OPEN,
    /** Handed to a Kubernetes Job of the send worker; the API did not wait. */
    STARTED,
    CLAIMED,
    FILE_WRITTEN,
    CLI_RUNNING,
    /** A retry has taken the batch and is running it again. */
    RETRYING,
    COMPLETED,
    COMPLETED_WITH_REJECTIONS,
    NOTHING_TO_SEND,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == COMPLETED_WITH_REJECTIONS || this == NOTHING_TO_SEND || this == FAILED
                || this == SEED;
    }
}
