package org.kasbench.globeco.allocation.send.cli;

/**
 * The CLI (or its Job) failed, timed out, or left rows undelivered; the batch has already
 * been marked FAILED.
 */
public class CliRunFailedException extends RuntimeException {

	public CliRunFailedException(String message) {
		super(message);
	}

}
