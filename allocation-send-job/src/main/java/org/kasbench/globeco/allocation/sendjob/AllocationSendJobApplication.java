package org.kasbench.globeco.allocation.sendjob;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;

/**
 * The send worker: a non-web application that runs the send job once and exits. Spring
 * Boot's OTLP exporter configuration is left out: TracingConfiguration chooses the
 * exporter when the process starts.
 */
@SpringBootApplication(scanBasePackages = "org.kasbench.globeco.allocation",
		exclude = OtlpTracingAutoConfiguration.class)
@ConfigurationPropertiesScan("org.kasbench.globeco.allocation")
public class AllocationSendJobApplication {

	public static void main(String[] args) {
		SpringApplication app = new SpringApplication(AllocationSendJobApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		System.exit(SpringApplication.exit(app.run(args)));
	}

}
