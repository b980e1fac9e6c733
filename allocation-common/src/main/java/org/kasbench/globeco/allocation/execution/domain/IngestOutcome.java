package org.kasbench.globeco.allocation.execution.domain;

/** The result for one element of an ingest request, in request order. */
public record IngestOutcome(int requestIndex, Integer executionServiceId, IngestStatus status, IngestFailure failure,
		String message, Execution execution) {

	public static IngestOutcome stored(int index, Execution execution) {
		return new IngestOutcome(index, execution.executionServiceId(), IngestStatus.SUCCESS, null, "Execution stored",
				execution);
	}

	public static IngestOutcome duplicate(int index, Execution existing) {
		return new IngestOutcome(index, existing.executionServiceId(), IngestStatus.DUPLICATE, null,
				"Execution already stored; returning the stored one", existing);
	}

	public static IngestOutcome skipped(int index, Integer executionServiceId) {
		return new IngestOutcome(index, executionServiceId, IngestStatus.SKIPPED, null,
				"Execution is open; only closed executions are stored", null);
	}

	public static IngestOutcome failed(int index, Integer executionServiceId, IngestFailure failure, String message) {
		return new IngestOutcome(index, executionServiceId, IngestStatus.FAILED, failure, message, null);
	}
}
