package org.kasbench.globeco.allocation.send.domain;

/** Why a batch FAILED; decides the HTTP answer (502 for the CLI, 504 for a timeout, 500 otherwise). */
public enum FailureReason {
    CLI_FAILED,
    CLI_TIMEOUT,
    /** A process died mid-run and the batch was found without progress; a retry completes it. */
    ABANDONED,
    INTERNAL_ERROR
}
