package org.kasbench.globeco.allocation.send.domain;

/**
 * The CLI's output does not fully check out (a line cut short or malformed, a source id
 * that is not a row of the attempt's file or comes twice, a line that does not repeat its
 * row, bytes that are not UTF-8, a summary that does not add up), so it gives no verdict
 * for any row: every row of the attempt is sent again.
 */
public class UnverifiableCliOutputException extends RuntimeException {

	public UnverifiableCliOutputException(String message) {
		super(message);
	}

}
