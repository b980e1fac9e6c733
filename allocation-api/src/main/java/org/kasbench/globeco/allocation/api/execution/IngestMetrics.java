package org.kasbench.globeco.allocation.api.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.kasbench.globeco.allocation.execution.domain.IngestOutcome;
import org.kasbench.globeco.allocation.execution.domain.IngestSummary;
import org.springframework.stereotype.Component;

/**
 * {@code allocation.ingest.executions}: every ingested element by result status and
 * failure code.
 */
@Component
class IngestMetrics {

	private final MeterRegistry registry;

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(IngestSummary summary) {
		for (IngestOutcome outcome : summary.outcomes()) {
			Counter.builder("allocation.ingest.executions")
				.description("Executions received, by result")
				.tag("status", outcome.status().name())
				.tag("code", outcome.failure() == null ? "none" : outcome.failure().name())
				.register(registry)
				.increment();
		}
	}

}
