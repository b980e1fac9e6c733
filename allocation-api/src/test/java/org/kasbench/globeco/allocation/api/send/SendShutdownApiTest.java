package org.kasbench.globeco.allocation.api.send;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application shut down (as on SIGTERM: the context's lifecycle stops, with the web
 * server's graceful shutdown) while a send's CLI runs: the caller gets its answer before
 * the server stops, the CLI's whole process tree is stopped, and the batch is recorded as
 * interrupted by shutdown, due again at once. (That the CLI's children are stopped too is
 * ExecCliTest's and the chaos suite's.) A database of its own (the batch is left due) and
 * a context of its own (it is closed).
 */
@DirtiesContext
class SendShutdownApiTest extends ApiTestSupport {

	private static final TestDatabase OWN = TestDatabase.create();

	@Autowired
	ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		// the pool's own URL: the base class's spring.datasource.url is registered after
		// this
		registry.add("spring.datasource.hikari.jdbc-url", OWN::url);
	}

	@Test
	void aSendCutShortByShutdownIsAnsweredRecordedAsInterruptedAndItsCliTreeStopped() {
		CompletableFuture<HttpResponse<String>> send = startAHeldSend();
		ProcessHandle cli = await().atMost(Duration.ofSeconds(30))
			.until(SendShutdownApiTest::cliStandIn, java.util.Optional::isPresent)
			.orElseThrow();

		// What SIGTERM's close does to the lifecycle, phase by phase, web server
		// included;
		// closing would leave the test framework a context it cannot restart.
		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::stop);

		HttpResponse<String> interrupted = send.join();
		assertErrorShape(interrupted, 503, "SEND_INTERRUPTED");
		assertThat(interrupted.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(json(interrupted).get("message").asString()).contains("Batch ", "completes it");
		await().atMost(Duration.ofSeconds(10)).until(() -> !cli.isAlive());
		shutdown.join();
		Map<String, Object> batch = new JdbcTemplate(OWN.dataSource()).queryForMap(
				"SELECT status, failure_reason, next_attempt_at <= now() AS due FROM batch_history WHERE id = (SELECT max(id) FROM batch_history)");
		assertThat(batch).containsEntry("status", "FAILED")
			.containsEntry("failure_reason", "INTERRUPTED_BY_SHUTDOWN")
			.containsEntry("due", true);
	}

	/** The CLI stand-in's JVM, run by this one. */
	private static java.util.Optional<ProcessHandle> cliStandIn() {
		return ProcessHandle.current()
			.descendants()
			.filter(p -> p.info().commandLine().orElse("").contains("PortfolioAccountingCliStandIn"))
			.findFirst();
	}

}
