package org.kasbench.globeco.allocation.send;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.kasbench.globeco.allocation.send.domain.DeliveryCounts;
import org.kasbench.globeco.allocation.send.domain.SendBatchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The delivery objective on {@code /metrics}: the age of the oldest execution not yet
 * delivered, executions by state, and batches needing an operator. Read from the database
 * at most every few seconds, however often scraped.
 */
@Component
class DeliveryMetrics {

	private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

	private static final Duration FRESH_FOR = Duration.ofSeconds(5);

	private final SendBatchRepository batches;

	private final SendProperties properties;

	private final Clock clock;

	private DeliveryCounts counts;

	private Instant readAt = Instant.MIN;

	DeliveryMetrics(SendBatchRepository batches, SendProperties properties, Clock clock,
			ObjectProvider<MeterRegistry> registry) {
		this.batches = batches;
		this.properties = properties;
		this.clock = clock;
		registry.ifAvailable(this::register);
	}

	private void register(MeterRegistry registry) {
		Gauge.builder("allocation.delivery.oldest.undelivered.age", this, m -> m.read(this::oldestAgeSeconds))
			.description(
					"Seconds since the oldest execution not yet delivered to Portfolio Accounting was ready (0: none)")
			.baseUnit("seconds")
			.register(registry);
		state(registry, "unsent", c -> c.unsent());
		state(registry, "in_unfinished_batch", c -> c.inUnclosedBatches());
		state(registry, "delivered", c -> c.delivered());
		state(registry, "refused", c -> c.refused());
		Gauge.builder("allocation.send.batches.attention", this, m -> m.read(c -> c.batchesNeedingAttention()))
			.description("Failed batches with at least allocation.send.attention-after-attempts attempts")
			.register(registry);
	}

	private void state(MeterRegistry registry, String state, ToDoubleFunction<DeliveryCounts> value) {
		Gauge.builder("allocation.executions", this, m -> m.read(value))
			.tag("state", state)
			.description("Executions by delivery state")
			.register(registry);
	}

	private double oldestAgeSeconds(DeliveryCounts c) {
		return c.oldestUndelivered() == null ? 0
				: Math.max(0, Duration.between(c.oldestUndelivered().toInstant(), clock.instant()).toMillis() / 1000.0);
	}

	private synchronized double read(ToDoubleFunction<DeliveryCounts> value) {
		Instant now = clock.instant();
		if (counts == null || readAt.plus(FRESH_FOR).isBefore(now)) {
			try {
				counts = batches.deliveryCounts(properties.attentionAfterAttempts());
				readAt = now;
			}
			catch (RuntimeException e) {
				log.debug("Cannot read delivery counts: {}", e.getMessage());
				return Double.NaN;
			}
		}
		return value.applyAsDouble(counts);
	}

}
