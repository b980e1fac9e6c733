package org.kasbench.globeco.allocation.send;

/**
 * The CLI (or its Job) failed, timed out, or left rows undelivered; the batch has already
 * been marked FAILED.
 */
class CliRunFailedException extends RuntimeException {

	CliRunFailedException(String message) {
		super(message);
	}

}
