package org.kasbench.globeco.allocation.send.domain;

/**
 * Another process took the batch over (this run's lease had expired); this run must
 * record nothing more.
 */
public class LeaseLostException extends RuntimeException {

	public LeaseLostException(int batchId) {
		super("Batch " + batchId + " was taken over by another process; this run stops");
	}

}
