package org.kasbench.globeco.allocation.observability;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.util.Locale;

/**
 * Spans go to standard output unless an OTLP endpoint is configured
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}), in which case they are
 * sent there over HTTP.
 * <p>
 * The choice is made when the process starts, not when its beans are defined: the API
 * image runs with bean definitions fixed at build time (Spring AOT), where a condition on
 * the endpoint would be frozen at its build-time value. Spring Boot's own OTLP exporter
 * configuration is excluded by both applications for the same reason.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OtlpTracingProperties.class)
class TracingConfiguration {

	@Bean
	SpanExporter spanExporter(OtlpTracingProperties otlp) {
		if (!StringUtils.hasText(otlp.getEndpoint())) {
			return LoggingSpanExporter.create();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(otlp.getEndpoint())
			.setTimeout(otlp.getTimeout())
			.setConnectTimeout(otlp.getConnectTimeout())
			.setCompression(otlp.getCompression().name().toLowerCase(Locale.ROOT));
		otlp.getHeaders().forEach(builder::addHeader);
		return builder.build();
	}

}
