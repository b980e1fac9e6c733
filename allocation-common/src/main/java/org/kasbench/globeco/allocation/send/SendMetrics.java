package org.kasbench.globeco.allocation.send;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.kasbench.globeco.allocation.send.domain.SendBatchStatus;
import org.kasbench.globeco.allocation.send.cli.CliRun;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/** The send pipeline's meters: batches by final status, rows sent/accepted/rejected, CLI runs by mode and outcome. */
@Component
public class SendMetrics {

    private final MeterRegistry registry;

    SendMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
    }

    CliRun timeCli(String mode, Supplier<CliRun> run) {
        Timer.Sample sample = Timer.start(registry);
        CliRun result = run.get();
        String outcome = result.timedOut() ? "timeout" : result.succeeded() ? "success" : "failure";
        sample.stop(Timer.builder("allocation.cli.run").description("Portfolio Accounting CLI runs")
                .tag("mode", mode).tag("outcome", outcome).register(registry));
        return result;
    }

    void rows(int sent, int accepted, int rejected) {
        rowCounter("sent").increment(sent);
        rowCounter("accepted").increment(accepted);
        rowCounter("rejected").increment(rejected);
    }

    void batchFinished(SendBatchStatus status) {
        Counter.builder("allocation.send.batches").description("Send batches by final status")
                .tag("status", status.name()).register(registry).increment();
    }

    private Counter rowCounter(String kind) {
        return Counter.builder("allocation.send.rows").description("Execution rows handed to Portfolio Accounting")
                .tag("kind", kind).register(registry);
    }
}
