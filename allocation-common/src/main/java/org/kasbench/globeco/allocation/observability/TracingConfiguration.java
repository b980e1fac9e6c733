package org.kasbench.globeco.allocation.observability;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spans go to standard output unless an OTLP endpoint is configured
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}), in which case Spring
 * Boot exports them there.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	@Bean
	@ConditionalOnExpression("'${management.opentelemetry.tracing.export.otlp.endpoint:}'.isEmpty()")
	SpanExporter standardOutputSpanExporter() {
		return LoggingSpanExporter.create();
	}

}
