package org.kasbench.globeco.allocation.execution.domain;

/** Why an element of an ingest request was not stored. */
public enum IngestFailure {

	VALIDATION_FAILED, TRADE_EXECUTION_NOT_FOUND, PORTFOLIO_ID_MISSING,
	/**
	 * After retries, or with the circuit open: the whole request may safely be retried.
	 */
	TRADE_SERVICE_UNAVAILABLE,
	/** The Trade Service refused the look-up itself (a 4xx): retrying will not help. */
	TRADE_SERVICE_REJECTED

}
