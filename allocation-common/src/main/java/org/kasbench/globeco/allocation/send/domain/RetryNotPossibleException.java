package org.kasbench.globeco.allocation.send.domain;

/**
 * The batch is not in a state that a retry can act on (not FAILED, or already being run).
 */
public class RetryNotPossibleException extends RuntimeException {

	public RetryNotPossibleException(String message) {
		super(message);
	}

}
