package org.kasbench.globeco.allocation.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.standins.PortfolioAccountingServiceStandIn;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Processes;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the built API answers and records when the process or the database fails it: a
 * SIGTERM (a rolling update) while the CLI runs, and PostgreSQL lost in the middle of a
 * send (a TCP proxy between the API and PostgreSQL, cut by the test). Each scenario ends
 * with every execution accepted downstream exactly once and no batch left open.
 */
class HonestAnswersChaosIT {

	private static final Path WORK = Path.of(System.getProperty("chaos.workDir", "target/chaos"))
		.resolve("honest-answers");

	private static final Path FILES = WORK.resolve("files");

	private static final Path LOGS = WORK.resolve("logs");

	private static final String CLOSED = "('COMPLETED', 'COMPLETED_WITH_REJECTIONS', 'NOTHING_TO_SEND', 'SEED')";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static TestDatabase db;

	private static JdbcTemplate jdbc;

	private static PortfolioAccountingServiceStandIn portfolioAccounting;

	private static TradeServiceStandIn tradeService;

	private static Path cliWrapper;

	private final List<ServiceProcess> started = new ArrayList<>();

	@BeforeAll
	static void startTheNeighbours() throws IOException {
		Files.createDirectories(FILES);
		db = TestDatabase.create();
		jdbc = new JdbcTemplate(db.dataSource());
		portfolioAccounting = PortfolioAccountingServiceStandIn.start(0);
		tradeService = TradeServiceStandIn.start(0);
		// Runs the CLI as its child, the way a wrapper script does: a CLI that starts
		// processes of its own.
		cliWrapper = WORK.resolve("cli-wrapper.sh");
		Files.writeString(cliWrapper, "#!/bin/sh\n\"$@\"\n");
		assertThat(cliWrapper.toFile().setExecutable(true)).isTrue();
	}

	@AfterAll
	static void stopTheNeighbours() {
		Deployables.stop(portfolioAccounting, tradeService);
	}

	@AfterEach
	void stopTheApis() {
		started.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::kill);
		started.forEach(ServiceProcess::endOrphans);
		CliStandIns.mode(FILES, CliStandIns.OK);
	}

	@Test
	void sigtermWhileTheCliRunsAnswersTheCallerStopsTheCliTreeAndTheNextRunCompletesTheBatch() {
		Api api = startApi(db.url());
		List<Integer> ids = insertExecutions(200);
		CliStandIns.modes(FILES, CliStandIns.HOLD, CliStandIns.OK);
		CompletableFuture<HttpResponse<String>> send = api.sendAsync();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> CliStandIns.tookItsMode(api.process().descendants(), FILES, CliStandIns.OK));

		List<ProcessHandle> cliTree = api.process().terminate();

		HttpResponse<String> answer = send.join();
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.body()).contains("\"code\":\"SEND_INTERRUPTED\"");
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(api.process().waitFor(Duration.ofSeconds(60))).as("a graceful exit").isNotEqualTo(137);
		assertThat(cliTree).as("the CLI's wrapper and its child").hasSizeGreaterThanOrEqualTo(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> cliTree.stream().allMatch(Processes::ended));
		assertThat(jdbc.queryForList("SELECT failure_reason FROM batch_history WHERE status = 'FAILED'", String.class))
			.containsExactly("INTERRUPTED_BY_SHUTDOWN");

		everyRowDeliveredOnceAndNoBatchLeftOpen(startApi(db.url()), ids);
	}

	@Test
	void theDatabaseLostWhileTheCliRunsIsA503WithRetryAfterAndTheNextSendCompletesTheBatch() {
		URI direct = URI.create(db.url().substring("jdbc:".length()));
		try (TcpProxy proxy = TcpProxy.start(direct.getHost(), direct.getPort())) {
			Api api = startApi("jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath());
			List<Integer> ids = insertExecutions(200);
			CliStandIns.modes(FILES, CliStandIns.HOLD, CliStandIns.OK);
			CompletableFuture<HttpResponse<String>> send = api.sendAsync();
			await().atMost(Duration.ofSeconds(60)).until(() -> unclosedBatches().contains("CLI_RUNNING"));

			proxy.cut();
			CliStandIns.release(FILES);

			HttpResponse<String> answer = send.join();
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
			assertThat(answer.body()).contains("\"code\":\"DATABASE_UNAVAILABLE\"");
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();

			proxy.heal();
			everyRowDeliveredOnceAndNoBatchLeftOpen(api, ids);
		}
	}

	// --- the outcome every scenario must reach

	/** Lets ordinary sends complete the work, then checks nothing is lost or doubled. */
	private static void everyRowDeliveredOnceAndNoBatchLeftOpen(Api api, List<Integer> ids) {
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
			api.sendAsync().join();
			return unclosedBatches().isEmpty()
					&& ids.stream().allMatch(id -> portfolioAccounting.acceptedCount("AC" + id) >= 1);
		});
		assertThat(portfolioAccounting.acceptedCounts().values()).as("no source id accepted twice")
			.allMatch(n -> n == 1);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id IS NULL", Integer.class))
			.isZero();
	}

	private static List<String> unclosedBatches() {
		return jdbc.queryForList("SELECT status FROM batch_history WHERE status NOT IN " + CLOSED, String.class);
	}

	private static List<Integer> insertExecutions(int count) {
		return jdbc.queryForList("""
				INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination,
				    trade_date, security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp,
				    quantity_filled, total_amount, average_price)
				SELECT coalesce((SELECT max(execution_service_id) FROM execution), 0) + n, false, 'FULL', 'SELL',
				    'ML', DATE '2025-05-28', '68336002fe95851f0a2aeda9', 'IBM', '684f125ac19ad4fb89bc14ba', 5,
				    now(), now(), 5, 952.048, 190.4096
				FROM generate_series(1, ?) AS n
				RETURNING id""", Integer.class, count);
	}

	// --- the API processes

	private Api startApi(String databaseUrl) {
		int port = Deployables.freePort();
		List<String> settings = Deployables.settings(db, databaseUrl, FILES,
				cliWrapper.toAbsolutePath() + " " + Deployables.cliCommand(portfolioAccounting.port()), tradeService);
		settings.addAll(ShortLease.SETTINGS);
		return new Api(Deployables.startApi("api", LOGS, port, settings, started::add), port);
	}

	/** One API process and the HTTP calls the scenarios make to it. */
	private record Api(ServiceProcess process, int port) {

		CompletableFuture<HttpResponse<String>> sendAsync() {
			return HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/v1/executions/send"))
				.timeout(Duration.ofSeconds(120))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private URI uri(String path) {
			return URI.create("http://127.0.0.1:" + port + path);
		}

	}

}
