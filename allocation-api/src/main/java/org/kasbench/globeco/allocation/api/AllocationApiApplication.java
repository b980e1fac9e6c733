package org.kasbench.globeco.allocation.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;

/**
 * The web deployable: ingest, query and send. Everything it runs is wired from here and
 * the common module. Spring Boot's OTLP exporter configuration is left out:
 * TracingConfiguration chooses the exporter when the process starts (the image's bean
 * definitions are fixed at build time).
 */
@SpringBootApplication(scanBasePackages = "org.kasbench.globeco.allocation",
		exclude = OtlpTracingAutoConfiguration.class)
@ConfigurationPropertiesScan("org.kasbench.globeco.allocation")
public class AllocationApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(AllocationApiApplication.class, args);
	}

}
