package org.kasbench.globeco.allocation.execution.domain;

/** What happened to one element of an ingest request. */
public enum IngestStatus {

	SUCCESS, DUPLICATE, SKIPPED, FAILED;

	/**
	 * The contract counts a duplicate as a success: the execution is stored either way.
	 */
	public boolean isStored() {
		return this == SUCCESS || this == DUPLICATE;
	}

}
