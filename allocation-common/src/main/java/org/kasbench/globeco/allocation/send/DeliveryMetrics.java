package org.kasbench.globeco.allocation.send;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.kasbench.globeco.allocation.send.domain.DeliveryCounts;
import org.kasbench.globeco.allocation.send.domain.DeliveryCountsQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The delivery objective on {@code /metrics}: the age of the oldest execution not yet
 * delivered, executions by state, and batches needing an operator. Read from the database
 * at most every few seconds, however often scraped. The age is measured on the database's
 * clock, which stamped the executions, never on this replica's wall clock (which may be
 * skewed); between reads it advances on this process's monotonic clock.
 */
@Component
class DeliveryMetrics {

	private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

	private static final long FRESH_FOR_NANOS = Duration.ofSeconds(5).toNanos();

	private final DeliveryCountsQuery query;

	private final SendProperties properties;

	private DeliveryCounts counts;

	private long readAtNanos;

	DeliveryMetrics(DeliveryCountsQuery query, SendProperties properties, ObjectProvider<MeterRegistry> registry) {
		this.query = query;
		this.properties = properties;
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
		return c.oldestUndeliveredAge() == null ? 0
				: c.oldestUndeliveredAge().plusNanos(System.nanoTime() - readAtNanos).toMillis() / 1000.0;
	}

	private synchronized double read(ToDoubleFunction<DeliveryCounts> value) {
		long now = System.nanoTime();
		if (counts == null || now - readAtNanos > FRESH_FOR_NANOS) {
			try {
				counts = query.deliveryCounts(properties.attentionAfterAttempts());
				readAtNanos = now;
			}
			catch (RuntimeException e) {
				log.debug("Cannot read delivery counts: {}", e.getMessage());
				return Double.NaN;
			}
		}
		return value.applyAsDouble(counts);
	}

}
