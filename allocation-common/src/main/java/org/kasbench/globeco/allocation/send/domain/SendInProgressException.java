package org.kasbench.globeco.allocation.send.domain;

/** Another send opened the same window first; nothing was changed. */
public class SendInProgressException extends RuntimeException {

	public SendInProgressException() {
		super("Another send is already in progress for this window; try again when it has finished");
	}

}
