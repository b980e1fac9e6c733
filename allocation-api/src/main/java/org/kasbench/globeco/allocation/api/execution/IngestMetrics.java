package org.kasbench.globeco.allocation.api.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.kasbench.globeco.allocation.execution.domain.IngestFailure;
import org.kasbench.globeco.allocation.execution.domain.IngestOutcome;
import org.kasbench.globeco.allocation.execution.domain.IngestStatus;
import org.kasbench.globeco.allocation.execution.domain.IngestSummary;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code allocation.ingest.executions}: every ingested element by result status and
 * failure code. Each counter is registered when its result first occurs (so the
 * exposition shows only results that happened) and kept, so an element costs an
 * increment, not a look-up in the registry.
 */
@Component
class IngestMetrics {

	private static final int CODES = IngestFailure.values().length + 1;

	private final MeterRegistry registry;

	/** By status and failure code ({@code none} last). */
	private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(
			IngestStatus.values().length * CODES);

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(IngestSummary summary) {
		for (IngestOutcome outcome : summary.outcomes()) {
			counter(outcome.status(), outcome.failure()).increment();
		}
	}

	private Counter counter(IngestStatus status, IngestFailure failure) {
		int slot = status.ordinal() * CODES + (failure == null ? CODES - 1 : failure.ordinal());
		Counter counter = counters.get(slot);
		if (counter == null) {
			counter = Counter.builder("allocation.ingest.executions")
				.description("Executions received, by result")
				.tag("status", status.name())
				.tag("code", failure == null ? "none" : failure.name())
				.register(registry);
			counters.set(slot, counter);
		}
		return counter;
	}

}
