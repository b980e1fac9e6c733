package org.kasbench.globeco.allocation.sendjob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The send worker: a non-web application that runs the send job once and exits. Spring
 * Boot's OTLP exporter configuration is left out: TracingConfiguration chooses the
 * exporter when the process starts.
 */
@SpringBootApplication(scanBasePackages = "org.kasbench.globeco.allocation",
		exclude = OtlpTracingAutoConfiguration.class)
@ConfigurationPropertiesScan("org.kasbench.globeco.allocation")
public class AllocationSendJobApplication {

	private static final Logger log = LoggerFactory.getLogger(AllocationSendJobApplication.class);

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Runs the worker once: the exit code (WorkerExit), and a start that fails is one
	 * line naming the cause (Spring's own report of it is turned off in application.yml).
	 */
	static int run(String... args) {
		SpringApplication app = new SpringApplication(AllocationSendJobApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run(args)) {
			return SpringApplication.exit(context);
		}
		catch (RuntimeException startFailure) {
			WorkerExit exit = WorkerExit.of(startFailure);
			log.error("Exit {}: {}", exit.code(), exit.reason());
			return exit.code();
		}
	}

}
