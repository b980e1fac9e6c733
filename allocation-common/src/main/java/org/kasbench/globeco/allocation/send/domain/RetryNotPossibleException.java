package org.kasbench.globeco.allocation.send.domain;

/**
 * The batch is not in a state the operator's action can act on: a retry of a batch that
 * is closed or whose run is alive, or a requeue of refused rows while an attempt runs the
 * batch.
 */
public class RetryNotPossibleException extends RuntimeException {

	public RetryNotPossibleException(String message) {
		super(message);
	}

}
