package org.kasbench.globeco.allocation.observability;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenTelemetry SDK's standard variables configure the service's tracing. */
class OpenTelemetryEnvironmentTest {

	@Test
	void theGeneralEndpointGetsTheTracesPathAndTheOtherVariablesTheirSettings() {
		assertThat(OpenTelemetryEnvironment.settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
				"OTEL_EXPORTER_OTLP_HEADERS", "X-Tenant=globeco, Authorization=Bearer t=1",
				"OTEL_EXPORTER_OTLP_TIMEOUT", "3000", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip", "OTEL_TRACES_EXPORTER",
				"console", "OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25")))
			.containsExactlyInAnyOrderEntriesOf(Map.of("management.opentelemetry.tracing.export.otlp.endpoint",
					"http://collector:4318/v1/traces", "management.opentelemetry.tracing.export.otlp.headers[X-Tenant]",
					"globeco", "management.opentelemetry.tracing.export.otlp.headers[Authorization]", "Bearer t=1",
					"management.opentelemetry.tracing.export.otlp.timeout", "3000ms",
					"management.opentelemetry.tracing.export.otlp.compression", "gzip", "allocation.tracing.exporter",
					"logging", "management.tracing.sampling.probability", "0.25"));
	}

	@Test
	void theTracesVariablesWinOverTheGeneralOnesAndADisabledSdkExportsNothing() {
		assertThat(OpenTelemetryEnvironment.settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://general:4318",
				"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/v1/traces", "OTEL_SDK_DISABLED", "true",
				"OTEL_TRACES_EXPORTER", "otlp", "OTEL_TRACES_SAMPLER", "always_off")))
			.containsExactlyInAnyOrderEntriesOf(
					Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "http://traces:4318/v1/traces",
							"allocation.tracing.exporter", "none", "management.tracing.sampling.probability", "0.0"));
	}

	@Test
	void theyRankAboveApplicationYmlAndBelowSpringsOwnVariables() {
		Map<String, Object> variables = Map.of("OTEL_TRACES_SAMPLER_ARG", "0.5", "OTEL_EXPORTER_OTLP_ENDPOINT",
				"http://collector:4318", "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
				"http://explicit:4318/v1/traces");
		StandardEnvironment environment = new StandardEnvironment() {
			@Override
			public Map<String, Object> getSystemEnvironment() {
				return variables;
			}
		};
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources()
			.addLast(
					new MapPropertySource("application.yml", Map.of("management.tracing.sampling.probability", "0.1")));
		ConfigurationPropertySources.attach(environment);

		new OpenTelemetryEnvironment().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
		assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo("http://explicit:4318/v1/traces");
	}

}
