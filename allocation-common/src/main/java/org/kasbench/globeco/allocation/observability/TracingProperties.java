package org.kasbench.globeco.allocation.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where spans go.
 *
 * @param exporter {@code otlp}: to the OTLP endpoint over HTTP; {@code logging}: one log
 * line per span, for a look on a developer's machine; {@code none}: made (trace ids in
 * logs, exemplars) but not exported. Default: {@code otlp} when an endpoint is set,
 * otherwise {@code none}. {@code OTEL_TRACES_EXPORTER} sets it too ({@code console} is
 * {@code logging})
 */
@ConfigurationProperties("allocation.tracing")
public record TracingProperties(Exporter exporter) {

	/** Where spans go. */
	public enum Exporter {

		OTLP, LOGGING, NONE

	}

}
