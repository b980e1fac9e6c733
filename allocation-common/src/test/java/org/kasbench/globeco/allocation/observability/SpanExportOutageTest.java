package org.kasbench.globeco.allocation.observability;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kasbench.globeco.allocation.CommonTestApplication;
import org.kasbench.globeco.allocation.testsupport.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that cannot be reached is one WARN line when the outage starts and one line
 * when it ends, however many exports fail in between, and never a stack trace. The
 * collector here drops every connection without an answer until it comes back (a fixed
 * port freed and taken again could be taken by another process meanwhile).
 */
@SpringBootTest(classes = CommonTestApplication.class, properties = "management.tracing.sampling.probability=1.0")
@ExtendWith(OutputCaptureExtension.class)
class SpanExportOutageTest extends DatabaseTest {

	private static final AtomicBoolean collectorUp = new AtomicBoolean();

	private static final HttpServer collector = collector();

	@Autowired
	private Tracer tracer;

	@Autowired
	private SdkTracerProvider spans;

	@DynamicPropertySource
	static void collectorEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
		// Each export to the dead collector ends at this timeout, retries included:
		// short, since the test makes several. An export to the live collector is a
		// loopback call answered at once.
		registry.add("management.opentelemetry.tracing.export.otlp.timeout", () -> "250ms");
	}

	@AfterAll
	static void stopCollector() {
		collector.stop(0);
	}

	@Test
	void anOutageIsOneWarningAndItsEndOneLine(CapturedOutput output) {
		for (int i = 0; i < 2; i++) {
			exportOneSpan();
		}
		collectorUp.set(true);
		exportOneSpan();
		exportOneSpan();

		// The exporter's own retries of the failed batches may still be running when the
		// collector is back: the first success ends the outage, whenever it comes.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			exportOneSpan();
			assertThat(output.getOut().lines().filter(line -> line.contains("Exporting spans to"))).singleElement()
				.asString()
				.contains("INFO", "again after")
				.containsPattern("[1-9]\\d* spans were dropped");
		});
		assertThat(output.getOut().lines().filter(line -> line.contains("Cannot export spans to"))).singleElement()
			.asString()
			.contains("WARN", "127.0.0.1:" + collector.getAddress().getPort(), "dropping them until it answers");
		assertThat(output.getAll()).doesNotContain("Failed to export").doesNotContainPattern("(?m)^\\s+at ");
	}

	private void exportOneSpan() {
		this.tracer.nextSpan().name("ingest").start().end();
		this.spans.forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static HttpServer collector() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/v1/traces", exchange -> {
				exchange.getRequestBody().readAllBytes();
				if (collectorUp.get()) {
					exchange.sendResponseHeaders(200, -1);
				}
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
