package org.kasbench.globeco.allocation.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenTelemetry SDK's standard environment variables, as the Spring settings they
 * mean. They rank above application.yml and below Spring's own variables and arguments,
 * so an explicit Spring setting still wins. Spring Boot reads {@code OTEL_SERVICE_NAME}
 * and {@code OTEL_RESOURCE_ATTRIBUTES} itself.
 * <ul>
 * <li>{@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * with {@code /v1/traces} appended; {@code _HEADERS}, {@code _TIMEOUT} (ms),
 * {@code _COMPRESSION} of either</li>
 * <li>{@code OTEL_TRACES_EXPORTER} ({@code otlp}, {@code console} or {@code logging},
 * {@code none}) and {@code OTEL_SDK_DISABLED=true} (none)</li>
 * <li>{@code OTEL_TRACES_SAMPLER} ({@code always_on}, {@code always_off},
 * {@code traceidratio} and their {@code parentbased_} forms) with
 * {@code OTEL_TRACES_SAMPLER_ARG}</li>
 * </ul>
 */
public class OpenTelemetryEnvironment implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "openTelemetryEnvironmentVariables";

	private static final String OTLP = "management.opentelemetry.tracing.export.otlp.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> settings = settings(environment.getSystemEnvironment());
		if (!settings.isEmpty()) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new MapPropertySource(SOURCE_NAME, settings));
		}
	}

	static Map<String, Object> settings(Map<String, Object> variables) {
		Map<String, Object> settings = new LinkedHashMap<>();
		String tracesEndpoint = text(variables, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
		String endpoint = text(variables, "OTEL_EXPORTER_OTLP_ENDPOINT");
		if (tracesEndpoint != null) {
			settings.put(OTLP + "endpoint", tracesEndpoint);
		}
		else if (endpoint != null) {
			settings.put(OTLP + "endpoint", endpoint.replaceAll("/+$", "") + "/v1/traces");
		}
		String headers = tracesOrGeneral(variables, "HEADERS");
		if (headers != null) {
			for (String header : headers.split(",")) {
				String[] nameAndValue = header.split("=", 2);
				if (nameAndValue.length == 2 && !nameAndValue[0].isBlank()) {
					settings.put(OTLP + "headers[" + nameAndValue[0].trim() + "]", nameAndValue[1].trim());
				}
			}
		}
		String timeout = tracesOrGeneral(variables, "TIMEOUT");
		if (timeout != null) {
			settings.put(OTLP + "timeout", timeout + "ms");
		}
		String compression = tracesOrGeneral(variables, "COMPRESSION");
		if (compression != null) {
			settings.put(OTLP + "compression", compression);
		}
		String exporter = exporter(variables);
		if (exporter != null) {
			settings.put("allocation.tracing.exporter", exporter);
		}
		String probability = samplingProbability(variables);
		if (probability != null) {
			settings.put("management.tracing.sampling.probability", probability);
		}
		return settings;
	}

	private static String exporter(Map<String, Object> variables) {
		if ("true".equalsIgnoreCase(text(variables, "OTEL_SDK_DISABLED"))) {
			return "none";
		}
		String exporter = text(variables, "OTEL_TRACES_EXPORTER");
		if (exporter == null) {
			return null;
		}
		// A list ("otlp,console") is allowed by the specification; the first one is
		// taken.
		String first = exporter.split(",")[0].trim().toLowerCase(Locale.ROOT);
		return "console".equals(first) ? "logging" : first;
	}

	private static String samplingProbability(Map<String, Object> variables) {
		String sampler = text(variables, "OTEL_TRACES_SAMPLER");
		String argument = text(variables, "OTEL_TRACES_SAMPLER_ARG");
		if (sampler == null) {
			return argument;
		}
		return switch (sampler.toLowerCase(Locale.ROOT).replace("parentbased_", "")) {
			case "always_on" -> "1.0";
			case "always_off" -> "0.0";
			default -> argument;
		};
	}

	private static String tracesOrGeneral(Map<String, Object> variables, String suffix) {
		String traces = text(variables, "OTEL_EXPORTER_OTLP_TRACES_" + suffix);
		return traces != null ? traces : text(variables, "OTEL_EXPORTER_OTLP_" + suffix);
	}

	private static String text(Map<String, Object> variables, String name) {
		Object value = variables.get(name);
		return value != null && StringUtils.hasText(value.toString()) ? value.toString().trim() : null;
	}

}
