package org.kasbench.globeco.allocation.send;

/** The CLI (or its Job) failed or timed out; the batch has already been marked FAILED with the reason. */
class CliRunFailedException extends RuntimeException {

    CliRunFailedException(String message) {
        super(message);
    }
}
