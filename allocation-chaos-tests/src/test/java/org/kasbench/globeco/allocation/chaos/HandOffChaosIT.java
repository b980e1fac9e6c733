package org.kasbench.globeco.allocation.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kasbench.globeco.allocation.standins.PortfolioAccountingServiceStandIn;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The hand-off under real faults. The API and the send worker run as the built jars in
 * their own JVMs and are killed with SIGKILL in each phase of a send; the files directory
 * fills up and turns read-only; Portfolio Accounting (a stand-in over HTTP, behind the
 * CLI stand-in) answers one chunk with 503, or cannot be reached at all; the CLI delivers
 * and then dies. Each scenario then lets the fault clear and, with nobody's hand but the
 * ordinary next sends, ends with every execution accepted downstream exactly once and no
 * batch left unclosed.
 */
class HandOffChaosIT {

	/**
	 * The advisory lock that serialises claims: holding it holds a send inside its claim
	 * step.
	 */
	private static final long CLAIM_LOCK = 0x414C4C4F43415445L;

	private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);

	private static final String CLOSED = "('COMPLETED', 'COMPLETED_WITH_REJECTIONS', 'NOTHING_TO_SEND', 'SEED')";

	static final Path WORK = Path.of(System.getProperty("chaos.workDir", "target/chaos"));
	static final Path FILES = WORK.resolve("files");
	static final Path LOGS = WORK.resolve("logs");
	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static TestDatabase db;
	static JdbcTemplate jdbc;
	static PortfolioAccountingServiceStandIn portfolioAccounting;
	static TradeServiceStandIn tradeService;
	static int portfolioAccountingPort;

	/**
	 * Source ids accepted by Portfolio Accounting stand-ins that have since been stopped
	 * (a restart forgets).
	 */
	static final Map<String, Integer> acceptedBefore = new ConcurrentHashMap<>();
	static ServiceProcess api;
	static int apiPort;
	static final List<ServiceProcess> started = new ArrayList<>();

	@BeforeAll
	static void startTheSuite() throws IOException {
		deleteRecursively(WORK);
		Files.createDirectories(FILES);
		db = TestDatabase.create();
		jdbc = new JdbcTemplate(db.dataSource());
		portfolioAccounting = PortfolioAccountingServiceStandIn.start(0);
		portfolioAccountingPort = portfolioAccounting.port();
		tradeService = TradeServiceStandIn.start(0);
		apiPort = Deployables.freePort();
		api = startApi();
	}

	@AfterAll
	static void stopTheSuite() {
		started.forEach(p -> {
			if (p.isAlive()) {
				p.kill();
			}
			p.endOrphans();
		});
		unmount();
		Deployables.stop(portfolioAccounting, tradeService);
	}

	@AfterEach
	void behaveAgain() {
		CliStandIns.mode(FILES, CliStandIns.OK);
	}

	/**
	 * The API runs as the image runs it (bean definitions generated at build time), with
	 * a Trade Service address given only when it starts: a value resolved at build time
	 * would point elsewhere and the post would fail.
	 */
	@Test
	void anExecutionPostedToTheBuiltApiIsEnrichedStoredAndDelivered() throws Exception {
		int executionServiceId = uniqueExecutionServiceId();
		HttpResponse<String> posted = postExecution(executionServiceId);
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

		Map<String, Object> stored = jdbc
			.queryForMap("SELECT id, portfolio_id FROM execution WHERE execution_service_id = ?", executionServiceId);
		assertThat(stored.get("portfolio_id")).isEqualTo(TradeServiceStandIn.portfolioIdFor(executionServiceId));
		everyRowDeliveredOnceAndNoBatchLeftOpen(List.of((Integer) stored.get("id")));
	}

	@Test
	void apiKilledWhileClaiming() throws Exception {
		List<Integer> ids = insertExecutions(300);
		try (Connection holder = db.dataSource().getConnection(); Statement lock = holder.createStatement()) {
			holder.setAutoCommit(false);
			lock.execute("SELECT pg_advisory_xact_lock(" + CLAIM_LOCK + ")");
			CompletableFuture<HttpResponse<String>> send = sendAsync();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.queryForObject(
						"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
						Integer.class) > 0);
			api.kill();
			assertThat(send.handle((r, e) -> e)).as("the caller saw the connection drop")
				.succeedsWithin(Duration.ofSeconds(10));
			holder.rollback();
		}
		assertThat(unclosedBatches()).as("the dead send's batch is left open").isNotEmpty();

		api = startApi();

		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
	}

	@Test
	void workerKilledWhileWritingTheFile() throws IOException {
		List<Integer> ids = insertExecutions(60_000);
		ServiceProcess worker = startWorker(List.of("--allocation.send.chunk-size=50"));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> partFileHasRows());
		worker.kill();
		assertThat(unclosedBatches()).isNotEmpty();

		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
		assertThat(finalFiles()).as("no partial file under a final name")
			.allSatisfy(f -> assertThat(lastLine(f)).as("a whole row ends with its trade date").matches(".*,\\d{8}"));
	}

	@Test
	void apiKilledWhileTheCliRunsAndTheOrphanedCliDeliversLater() throws IOException {
		List<Integer> ids = insertExecutions(250);
		CliStandIns.modes(FILES, CliStandIns.HOLD, CliStandIns.OK);
		CompletableFuture<HttpResponse<String>> send = sendAsync();
		// CLI_RUNNING is recorded just before the CLI starts: kill once the CLI holds, so
		// that there is an orphan.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> CliStandIns.tookItsMode(api.descendants(), FILES, CliStandIns.OK));
		ServiceProcess killed = api;
		api.kill();
		send.handle((r, e) -> e).join();
		CliStandIns.release(FILES); // the orphaned CLI goes on and delivers, for a
									// process that is gone
		await().atMost(Duration.ofSeconds(60)).until(() -> killed.orphans().isEmpty());

		api = startApi();

		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
		assertThat(outcomeCount("DELIVERED_EARLIER", ids)).as("what the orphan delivered counts as delivered")
			.isPositive();
	}

	@Test
	void workerKilledAfterTheCliDeliveredBeforeTheVerdictWasRecorded() {
		List<Integer> ids = insertExecutions(150);
		CliStandIns.modes(FILES, CliStandIns.KILL_PARENT_AFTER_DELIVERY, CliStandIns.OK);

		ServiceProcess worker = startWorker(List.of());
		assertThat(worker.waitFor(Duration.ofSeconds(90))).as("SIGKILLed by its CLI").isEqualTo(137);
		assertThat(unclosedBatches()).contains("CLI_RUNNING");
		assertThat(ids).allSatisfy(id -> assertThat(accepted(id)).isEqualTo(1));

		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
	}

	@Test
	void aFullFilesDirectoryFailsTheSendCleanlyAndTheNextSendDeliversOnceItHasRoom() throws IOException {
		assumeThat(mount("size=1m")).as("mounting a tmpfs needs root (CI runs as root)").isTrue();
		try {
			List<Integer> ids = insertExecutions(30_001);

			HttpResponse<String> full = send();

			assertThat(full.statusCode()).isEqualTo(500);
			assertThat(full.body()).contains("\"code\":\"FILES_UNAVAILABLE\"", "Batch ");
			assertThat(finalFiles()).isEmpty();
			remount("size=64m");
			everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
		}
		finally {
			unmount();
		}
	}

	@Test
	void aReadOnlyFilesDirectoryFailsTheSendCleanlyAndTheNextSendDeliversOnceWritable() throws IOException {
		assumeThat(mount("size=16m,ro")).as("mounting a tmpfs needs root (CI runs as root)").isTrue();
		try {
			List<Integer> ids = insertExecutions(40);

			HttpResponse<String> readOnly = send();

			assertThat(readOnly.statusCode()).isEqualTo(500);
			assertThat(readOnly.body()).contains("\"code\":\"FILES_UNAVAILABLE\"");
			remount("rw");
			everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
		}
		finally {
			unmount();
		}
	}

	@Test
	void oneChunkAnswered503IsSentAgainAndOnlyThatChunk() {
		List<Integer> ids = insertExecutions(300);
		int requestsBefore = portfolioAccounting.requestCount();
		portfolioAccounting.answerNext(1, 503, "{\"error\":\"scaling\"}");

		HttpResponse<String> partial = send();

		assertThat(partial.statusCode()).isEqualTo(502);
		assertThat(partial.body()).contains("\"code\":\"ROWS_NOT_DELIVERED\"",
				"100 rows did not reach Portfolio Accounting");
		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
		assertThat(portfolioAccounting.requestSizes().subList(requestsBefore, portfolioAccounting.requestCount()))
			.as("three chunks, then only the one that failed")
			.containsExactly(100, 100, 100, 100);
	}

	@Test
	void portfolioAccountingUnreachableFailsEveryRowAndTheNextSendDeliversWhenItIsBack() throws IOException {
		List<Integer> ids = insertExecutions(120);
		acceptedBefore.putAll(portfolioAccounting.acceptedCounts());
		portfolioAccounting.stop();
		try {
			HttpResponse<String> down = send();

			assertThat(down.statusCode()).isEqualTo(502);
			assertThat(down.body()).contains("\"code\":\"ROWS_NOT_DELIVERED\"", "120 rows did not reach");
		}
		finally {
			portfolioAccounting = PortfolioAccountingServiceStandIn.start(portfolioAccountingPort);
		}
		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
	}

	@Test
	void aCliThatDeliversAndThenDiesLeavesNothingUndelivered() {
		List<Integer> ids = insertExecutions(80);
		CliStandIns.modes(FILES, CliStandIns.DIE_AFTER_DELIVERY, CliStandIns.OK);

		HttpResponse<String> died = send();

		assertThat(died.statusCode()).isEqualTo(502);
		assertThat(died.body()).contains("\"code\":\"CLI_FAILED\"");
		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
	}

	@Test
	void aLiveSendIsNeverTakenOverHoweverLongItsCliRuns() {
		List<Integer> ids = insertExecutions(30);
		CliStandIns.modes(FILES, CliStandIns.delay(Duration.ofSeconds(20)), CliStandIns.OK);
		CompletableFuture<HttpResponse<String>> slow = sendAsync();
		await().atMost(Duration.ofSeconds(30)).until(() -> unclosedBatches().contains("CLI_RUNNING"));
		int batch = jdbc.queryForObject("SELECT max(id) FROM batch_history", Integer.class);

		ServiceProcess worker = startWorker(List.of());
		assertThat(worker.waitFor(Duration.ofSeconds(60))).as("the worker finds nothing of its own to do").isZero();

		assertThat(slow.join().statusCode()).isEqualTo(200);
		assertThat(jdbc.queryForObject("SELECT attempts FROM batch_history WHERE id = ?", Integer.class, batch))
			.isEqualTo(1);
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM batch_status_history WHERE batch_id = ? AND status = 'RETRYING'", Integer.class,
				batch))
			.as("nobody took the batch over")
			.isZero();
		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
	}

	/**
	 * A replica cut off from PostgreSQL (its peer neither answers nor closes, as when its
	 * node vanishes) right after it took a lock of the hand-off: the open's unique window
	 * entry, the claim's advisory lock, the verdict's batch row. The healthy replica's
	 * sends wait at most the bounds (the server ends the vanished session after
	 * allocation.db.idle-in-transaction-timeout, freeing its locks), and its ingest and
	 * readiness never fail meanwhile.
	 */
	@ParameterizedTest
	@ValueSource(
			strings = { "INSERT INTO batch_history", "pg_advisory_xact_lock", "verdict_recorded FROM batch_history" })
	void aReplicaCutOffWhileHoldingAHandOffLockNeverStallsTheOthers(String lockTakenBy) throws Exception {
		List<Integer> ids = new ArrayList<>(insertExecutions(40));
		URI database = URI.create(db.url().substring("jdbc:".length()));
		try (TcpProxy proxy = TcpProxy.start(database.getHost(), database.getPort())) {
			int cutOffPort = Deployables.freePort();
			ServiceProcess cutOff = startApi("api-cut-off", cutOffPort,
					"jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath() + "?prepareThreshold=0");
			proxy.pauseAfterClientSends(lockTakenBy);
			CompletableFuture<HttpResponse<String>> stuck = sendAsync(cutOffPort, Duration.ofSeconds(90));
			await().atMost(Duration.ofSeconds(60)).until(proxy::pausedByTrigger);

			List<String> healthyFailures = new ArrayList<>();
			for (int round = 0; round < 3; round++) {
				ids.addAll(insertExecutions(5));
				CompletableFuture<HttpResponse<String>> send = sendAsync(apiPort, Duration.ofSeconds(20));
				do {
					int ready = status(get("/readyz"));
					int ingest = status(postExecution(uniqueExecutionServiceId()));
					if (ready != 200 || ingest != 201) {
						healthyFailures.add("readyz " + ready + ", ingest " + ingest);
					}
				}
				while (!send.isDone());
				HttpResponse<String> sent = send.join();
				assertThat(sent.statusCode()).as("the healthy replica's send, within the bounds: " + sent.body())
					.isEqualTo(200);
			}
			assertThat(healthyFailures).as("the healthy replica's readiness and ingest").isEmpty();
			proxy.heal();
			assertThat(stuck.handle((r, e) -> r == null ? 0 : r.statusCode()))
				.as("the cut-off replica's send ends once it is back")
				.succeedsWithin(Duration.ofSeconds(90));
			cutOff.kill();
		}
		everyRowDeliveredOnceAndNoBatchLeftOpen(ids);
	}

	// --- the outcome every scenario must reach
	// -------------------------------------------------------------

	/**
	 * Lets the ordinary next sends do their work, then checks nothing is lost, stranded
	 * or doubled.
	 */
	private static void everyRowDeliveredOnceAndNoBatchLeftOpen(List<Integer> ids) {
		await().atMost(RECOVERY_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
			send();
			return unclosedBatches().isEmpty() && ids.stream().allMatch(id -> accepted(id) >= 1);
		});
		assertThat(ids).allSatisfy(id -> assertThat(accepted(id)).as("AC" + id + " accepted downstream").isEqualTo(1));
		assertThat(
				Stream.concat(acceptedBefore.values().stream(), portfolioAccounting.acceptedCounts().values().stream()))
			.as("no source id accepted twice, in any scenario")
			.allMatch(n -> n == 1);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id IS NULL", Integer.class))
			.isZero();
		assertThat(jdbc.queryForObject("SELECT coalesce(sum(pending_count), 0) FROM batch_history", Integer.class))
			.isZero();
	}

	private static int accepted(int executionId) {
		String sourceId = "AC" + executionId;
		return acceptedBefore.getOrDefault(sourceId, 0) + portfolioAccounting.acceptedCount(sourceId);
	}

	private static List<String> unclosedBatches() {
		return jdbc.queryForList("SELECT status FROM batch_history WHERE status NOT IN " + CLOSED, String.class);
	}

	private static int outcomeCount(String verdict, List<Integer> executionIds) {
		return jdbc.queryForObject("SELECT count(*) FROM send_row_verdict WHERE verdict = ? AND execution_id = ANY(?)",
				Integer.class, verdict, executionIds.toArray(Integer[]::new));
	}

	// --- the processes
	// ---------------------------------------------------------------------------------------

	private static ServiceProcess startApi() {
		return startApi("api", apiPort, db.url());
	}

	private static ServiceProcess startApi(String name, int port, String databaseUrl) {
		return Deployables.startApi(name, LOGS, port, settings(databaseUrl, List.of()), started::add);
	}

	private static ServiceProcess startWorker(List<String> extra) {
		List<String> arguments = new ArrayList<>(settings(List.of()));
		arguments.addAll(extra);
		ServiceProcess process = ServiceProcess.start("worker", Deployables.jar("chaos.workerJar"), LOGS, List.of(),
				arguments);
		started.add(process);
		return process;
	}

	/** What both deployables run with, a short lease among it. */
	private static List<String> settings(List<String> own) {
		return settings(db.url(), own);
	}

	private static List<String> settings(String databaseUrl, List<String> own) {
		List<String> settings = Deployables.settings(db, databaseUrl, FILES,
				Deployables.cliCommand(portfolioAccountingPort), tradeService);
		settings.addAll(List.of("--spring.batch.job.enabled=false", "--logging.level.org.kasbench=INFO"));
		settings.addAll(ShortLease.SETTINGS);
		settings.addAll(own);
		return settings;
	}

	// --- HTTP
	// --------------------------------------------------------------------------------------------------

	private static HttpResponse<String> send() {
		return sendAsync().join();
	}

	private static CompletableFuture<HttpResponse<String>> sendAsync() {
		return sendAsync(apiPort, Duration.ofSeconds(120));
	}

	private static CompletableFuture<HttpResponse<String>> sendAsync(int port, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/send"))
			.timeout(timeout)
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int uniqueExecutionServiceId() {
		return 700_000_000 + (int) (System.nanoTime() % 1_000_000);
	}

	/** The Confirmation Service's payload, as it sends it. */
	private static HttpResponse<String> postExecution(int executionServiceId) {
		return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/executions"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					[{"executionServiceId":%d,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY",
					  "destination":"ML","securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":1000,
					  "limitPrice":null,"receivedTimestamp":"2025-05-27T14:39:27.509362Z",
					  "sentTimestamp":"2025-05-27T14:39:27.512467Z","lastFillTimestamp":"2025-05-27T14:41:44.1602714Z",
					  "quantityFilled":1000,"totalAmount":190409.6,"averagePrice":190.4096}]"""
				.formatted(executionServiceId)))
			.build());
	}

	private static HttpResponse<String> get(String path) {
		return get(apiPort, path);
	}

	private static HttpResponse<String> get(int port, String path) {
		return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build());
	}

	/** The answer, or null when the connection failed. */
	private static HttpResponse<String> exchange(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			return null;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static int status(HttpResponse<String> response) {
		return response == null ? 0 : response.statusCode();
	}

	// --- data and files
	// ----------------------------------------------------------------------------------------

	private static List<Integer> insertExecutions(int count) {
		return jdbc.queryForList(
				"""
						INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination, trade_date,
						    security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp, quantity_filled,
						    total_amount, average_price)
						SELECT coalesce((SELECT max(execution_service_id) FROM execution), 0) + n, false, 'FULL', 'BUY', 'ML',
						    DATE '2025-05-27', '68336002fe95851f0a2aeda9', 'IBM', '684f125ac19ad4fb89bc14ba', 10, now(), now(),
						    10, 1904.096, 190.4096
						FROM generate_series(1, ?) AS n
						RETURNING id""",
				Integer.class, count);
	}

	private static boolean partFileHasRows() throws IOException {
		try (Stream<Path> files = Files.list(FILES)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".part"))
				.anyMatch(f -> f.toFile().length() > 4096);
		}
	}

	private static List<Path> finalFiles() throws IOException {
		try (Stream<Path> files = Files.list(FILES)) {
			return files.filter(f -> f.getFileName().toString().matches("allocation-batch-\\d+-\\d+\\.csv")).toList();
		}
	}

	private static String lastLine(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.getLast();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	// --- a small tmpfs as the files directory (root only)
	// ------------------------------------------------------

	private static boolean mount(String options) {
		return run("mount", "-t", "tmpfs", "-o", options, "allocation-chaos", FILES.toAbsolutePath().toString()) == 0;
	}

	private static void remount(String options) {
		assertThat(run("mount", "-o", "remount," + options, FILES.toAbsolutePath().toString())).isZero();
	}

	private static void unmount() {
		while (run("mountpoint", "-q", FILES.toAbsolutePath().toString()) == 0) {
			if (run("umount", "-l", FILES.toAbsolutePath().toString()) != 0) {
				return;
			}
		}
	}

	private static int run(String... command) {
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException e) {
			return -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		unmountIfMounted(dir.resolve("files"));
		if (Files.exists(dir)) {
			try (Stream<Path> paths = Files.walk(dir)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private static void unmountIfMounted(Path dir) {
		if (Files.isDirectory(dir)) {
			run("umount", "-l", dir.toAbsolutePath().toString());
		}
	}

}
