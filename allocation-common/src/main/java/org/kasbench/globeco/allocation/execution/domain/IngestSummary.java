package org.kasbench.globeco.allocation.execution.domain;

import java.util.List;

/** The counts and overall verdict of one ingest request, derived from its outcomes. */
public record IngestSummary(List<IngestOutcome> outcomes, int successful, int duplicates, int skipped, int failed) {

	public enum Verdict {

		SUCCESS, PARTIAL_SUCCESS, FAILED

	}

	public static IngestSummary of(List<IngestOutcome> outcomes) {
		int stored = 0;
		int duplicates = 0;
		int skipped = 0;
		int failed = 0;
		for (IngestOutcome o : outcomes) {
			switch (o.status()) {
				case SUCCESS -> stored++;
				case DUPLICATE -> {
					stored++;
					duplicates++;
				}
				case SKIPPED -> skipped++;
				case FAILED -> failed++;
			}
		}
		return new IngestSummary(List.copyOf(outcomes), stored, duplicates, skipped, failed);
	}

	public Verdict verdict() {
		if (failed == 0) {
			return Verdict.SUCCESS;
		}
		return failed == outcomes.size() ? Verdict.FAILED : Verdict.PARTIAL_SUCCESS;
	}

	/**
	 * True when every element failed and at least one only because the Trade Service was
	 * unreachable.
	 */
	public boolean retryableAsAWhole() {
		return verdict() == Verdict.FAILED
				&& outcomes.stream().anyMatch(o -> o.failure() == IngestFailure.TRADE_SERVICE_UNAVAILABLE);
	}

	public String message() {
		return switch (verdict()) {
			case SUCCESS -> "All %d executions processed".formatted(outcomes.size());
			case PARTIAL_SUCCESS -> "%d of %d executions failed".formatted(failed, outcomes.size());
			case FAILED -> "All %d executions failed".formatted(outcomes.size());
		};
	}
}
