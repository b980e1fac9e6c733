package org.kasbench.globeco.allocation.send;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.kasbench.globeco.allocation.send.cli.CliRun;

import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The send pipeline's counters: batch attempts by how they ended, rows by verdict, CLI
 * runs by mode and outcome.
 */
@Component
public class SendMetrics {

	private final MeterRegistry registry;

	SendMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
	}

	public CliRun timeCli(String mode, Supplier<CliRun> run) {
		Timer.Sample sample = Timer.start(registry);
		CliRun result = run.get();
		String outcome = result.timedOut() ? "timeout" : result.succeeded() ? "success" : "failure";
		sample.stop(Timer.builder("allocation.cli.run")
			.description("Portfolio Accounting CLI runs")
			.tag("mode", mode)
			.tag("outcome", outcome)
			.register(registry));
		return result;
	}

	/** One attempt's rows: those its errors file did not name were delivered. */
	/** {@code exceptions}: how many rows of the file got each verdict but DELIVERED. */
	public void verdicts(long rowsInFile, Map<RowVerdict, Long> exceptions) {
		long others = exceptions.values().stream().mapToLong(Long::longValue).sum();
		rowCounter(RowVerdict.DELIVERED).increment(Math.max(0, rowsInFile - others));
		for (RowVerdict verdict : List.of(RowVerdict.DELIVERED_EARLIER, RowVerdict.REFUSED, RowVerdict.NOT_DELIVERED)) {
			rowCounter(verdict).increment(exceptions.getOrDefault(verdict, 0L));
		}
	}

	public void batchEnded(BatchStatus status) {
		Counter.builder("allocation.send.batches")
			.description("Send batch attempts by the status they ended in")
			.tag("status", status.name())
			.register(registry)
			.increment();
	}

	private Counter rowCounter(RowVerdict verdict) {
		return Counter.builder("allocation.send.rows")
			.description("Rows handed to the Portfolio Accounting CLI, by verdict")
			.tag("verdict", verdict.name())
			.register(registry);
	}

}
