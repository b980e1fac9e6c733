package org.kasbench.globeco.allocation.observability;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.kasbench.globeco.allocation.observability.TracingProperties.Exporter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.time.Clock;
import java.util.Locale;

/**
 * Spans go where {@code allocation.tracing.exporter} says: to the OTLP endpoint
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}), to the log, or
 * nowhere. Without a setting they go to the endpoint if one is set and nowhere otherwise,
 * so a service without a collector does not fill its log with spans.
 * <p>
 * The choice is made when the process starts, not when its beans are defined: the API
 * image runs with bean definitions fixed at build time (Spring AOT), where a condition on
 * the endpoint would be frozen at its build-time value. Spring Boot's own OTLP exporter
 * configuration is excluded by both applications for the same reason.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OtlpTracingProperties.class, TracingProperties.class })
class TracingConfiguration {

	/** The OpenTelemetry specification's default for traces over HTTP. */
	static final String DEFAULT_OTLP_ENDPOINT = "http://localhost:4318/v1/traces";

	@Bean
	SpanExporter spanExporter(OtlpTracingProperties otlp, TracingProperties tracing) {
		Exporter exporter = tracing.exporter() != null ? tracing.exporter()
				: StringUtils.hasText(otlp.getEndpoint()) ? Exporter.OTLP : Exporter.NONE;
		return switch (exporter) {
			case NONE -> SpanExporter.composite();
			case LOGGING -> LoggingSpanExporter.create();
			case OTLP -> otlpExporter(otlp);
		};
	}

	private static SpanExporter otlpExporter(OtlpTracingProperties otlp) {
		String endpoint = StringUtils.hasText(otlp.getEndpoint()) ? otlp.getEndpoint() : DEFAULT_OTLP_ENDPOINT;
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(otlp.getTimeout())
			.setConnectTimeout(otlp.getConnectTimeout())
			.setCompression(otlp.getCompression().name().toLowerCase(Locale.ROOT));
		otlp.getHeaders().forEach(builder::addHeader);
		return new OutageLoggingSpanExporter(builder.build(), endpoint, Clock.systemUTC());
	}

}
