package org.kasbench.globeco.allocation.observability;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.observability.TracingProperties.Exporter;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter is chosen from the settings when the process starts (the image's bean
 * definitions are fixed at build time, so a condition could not do it).
 */
class TracingConfigurationTest {

	@Test
	void withoutAnEndpointSpansAreNotExported() {
		SpanExporter exporter = new TracingConfiguration().spanExporter(new OtlpTracingProperties(),
				new TracingProperties(null));

		assertThat(exporter).isNotInstanceOf(LoggingSpanExporter.class)
			.isNotInstanceOf(OutageLoggingSpanExporter.class);
	}

	@Test
	void spansAreLoggedOnlyWhenAskedFor() {
		SpanExporter exporter = new TracingConfiguration().spanExporter(new OtlpTracingProperties(),
				new TracingProperties(Exporter.LOGGING));

		assertThat(exporter).isInstanceOf(LoggingSpanExporter.class);
	}

	@Test
	void withAnEndpointSpansArePostedThereWithTheConfiguredHeaders() throws Exception {
		BlockingQueue<Map.Entry<String, String>> received = new LinkedBlockingQueue<>();
		HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		collector.createContext("/v1/traces", exchange -> {
			received.add(Map.entry(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
					String.valueOf(exchange.getRequestHeaders().getFirst("X-Tenant"))));
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		OtlpTracingProperties otlp = new OtlpTracingProperties();
		otlp.setEndpoint("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
		otlp.setTimeout(Duration.ofSeconds(5));
		otlp.setHeaders(Map.of("X-Tenant", "globeco"));
		SpanExporter exporter = new TracingConfiguration().spanExporter(otlp, new TracingProperties(null));
		try (SdkTracerProvider tracing = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			tracing.get("test").spanBuilder("ingest").startSpan().end();

			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(Map.entry("POST /v1/traces", "globeco"));
		}
		finally {
			collector.stop(0);
		}
	}

}
