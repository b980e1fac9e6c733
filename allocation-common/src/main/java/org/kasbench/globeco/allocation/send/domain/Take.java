package org.kasbench.globeco.allocation.send.domain;

/** Which batches a taker may take for a new attempt. */
public enum Take {

	/**
	 * The send worker taking the batch the API handed to it (and nobody has taken since).
	 */
	HANDED_OFF,
	/**
	 * An automatic retry: FAILED and past its backoff, or running (or handed off) under
	 * an expired lease.
	 */
	DUE,
	/**
	 * An operator's retry: FAILED whatever its backoff, or running under an expired
	 * lease.
	 */
	NOW

}
