package org.kasbench.globeco.allocation.observability;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Says when the collector stops taking spans, once, and when it takes them again, once:
 * an unreachable collector is an outage of the collector, not an error of every export.
 * The OTLP exporter's own log (an error with a stack trace for every batch) is turned off
 * in {@code allocation-observability.yml}.
 */
final class OutageLoggingSpanExporter implements SpanExporter {

	private static final Logger log = LoggerFactory.getLogger(OutageLoggingSpanExporter.class);

	private final SpanExporter exporter;

	private final String endpoint;

	private final Clock clock;

	private final AtomicReference<Instant> outageSince = new AtomicReference<>();

	private final AtomicLong droppedSpans = new AtomicLong();

	OutageLoggingSpanExporter(SpanExporter exporter, String endpoint, Clock clock) {
		this.exporter = exporter;
		this.endpoint = endpoint;
		this.clock = clock;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		CompletableResultCode result = this.exporter.export(spans);
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				recovered();
			}
			else {
				failed(result.getFailureThrowable(), spans.size());
			}
		});
		return result;
	}

	private void failed(Throwable cause, int spans) {
		this.droppedSpans.addAndGet(spans);
		if (this.outageSince.compareAndSet(null, this.clock.instant())) {
			log.warn("Cannot export spans to {}: {}; dropping them until it answers", this.endpoint, reason(cause));
		}
	}

	private void recovered() {
		Instant since = this.outageSince.getAndSet(null);
		if (since != null) {
			log.info("Exporting spans to {} again after {} s; {} spans were dropped", this.endpoint,
					Duration.between(since, this.clock.instant()).toSeconds(), this.droppedSpans.getAndSet(0));
		}
	}

	/** The innermost cause says what happened ("Connection refused"). */
	private static String reason(Throwable failure) {
		if (failure == null) {
			return "the collector refused them";
		}
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		return root.getMessage() == null ? root.getClass().getSimpleName()
				: root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	@Override
	public CompletableResultCode flush() {
		return this.exporter.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.exporter.shutdown();
	}

}
