package org.kasbench.globeco.allocation.standins;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PortfolioAccountingCliStandInTest {

	static final String HEADER = "portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date";
	static final String PORTFOLIO = "684f125ac19ad4fb89bc14ba";
	static final String SECURITY = "68336002fe95851f0a2aeda9";

	@TempDir
	Path dir;

	PortfolioAccountingServiceStandIn service;

	String out;

	@BeforeEach
	void startService() throws IOException {
		service = PortfolioAccountingServiceStandIn.start(0);
	}

	@AfterEach
	void stopService() {
		service.stop();
	}

	// ------------------------------------------------------------------ chunks and
	// per-chunk outcomes

	@Test
	void postsTheValidRowsInChunksOfTheBatchSizeAndWritesNoErrorsFileWhenAllAreAccepted() throws Exception {
		Path file = file("a.csv", rows(1, 2500));

		assertThat(cli(file, "--batch-size", "1000")).isZero();

		assertThat(service.requestSizes()).containsExactly(1000, 1000, 500);
		assertThat(service.acceptedCounts()).hasSize(2500).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
		assertThat(dir.resolve("a.csv.errors.csv")).doesNotExist();
		assertThat(out).contains("=== Processing Results ===", "Total Records: 2500", "Success Records: 2500",
				"Error Records: 0", "Batches Processed: 3");
	}

	@Test
	void theDefaultBatchSizeIsAThousand() throws Exception {
		assertThat(cli(file("a.csv", rows(1, 1001)))).isZero();

		assertThat(service.requestSizes()).containsExactly(1000, 1);
	}

	@Test
	void aChunkAnsweredWith503GetsHttp503OnExactlyItsRows() throws Exception {
		String body = "{\"error\":\"upstream unavailable\"}";
		service.answerRequest(2, 503, body);
		Path file = file("a.csv", rows(1, 2500));

		assertThat(cli(file, "--batch-size", "1000")).isZero();

		List<List<String>> errors = errors("a.csv");
		assertThat(errors).hasSize(1000);
		assertThat(errors).extracting(r -> r.get(2)).containsExactlyElementsOf(ids(1001, 2000));
		assertThat(errors).extracting(r -> r.get(7)).containsOnly("HTTP 503: " + body);
		assertThat(service.acceptedCounts()).hasSize(1500)
			.doesNotContainKeys("AC1001", "AC2000")
			.containsKeys("AC1000", "AC2001");
		assertThat(out).contains("Total Records: 2500", "Success Records: 1500", "Error Records: 1000");
	}

	@Test
	void aServiceThatIsDownGivesGosConnectionRefusedOnEveryRowAndStillExitsZero_asASeparateProcess() throws Exception {
		int port = service.port();
		service.stop();
		Path file = file("a.csv", rows(1, 3) + PORTFOLIO + ",,ACDEP,DEP,100,1,20250527\n");

		Process cli = new ProcessBuilder(java(), "-cp", classpath(), PortfolioAccountingCliStandIn.class.getName(),
				"process", "--file", file.toString(), "--output-dir", dir.toString(), "--server-host", "127.0.0.1",
				"--server-port", Integer.toString(port))
			.redirectErrorStream(true)
			.start();
		String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(cli.exitValue()).isZero();
		assertThat(errors("a.csv")).hasSize(4)
			.extracting(r -> r.get(7))
			.containsOnly("Post \"http://127.0.0.1:" + port + "/api/v1/transactions\": dial tcp 127.0.0.1:" + port
					+ ": connect: connection refused");
		assertThat(output).contains("Total Records: 4", "Success Records: 0", "Error Records: 4");
	}

	@Test
	void theHostAndPortMayComeFromTheEnvironment() throws Exception {
		Path file = file("a.csv", rows(1, 2));

		int exit = PortfolioAccountingCliStandIn
			.run(new String[] { "process", "--file", file.toString(), "--output-dir", dir.toString() }, Map
				.of("GLOBECO_PA_SERVER_HOST", "127.0.0.1", "GLOBECO_PA_SERVER_PORT", Integer.toString(service.port())));

		assertThat(exit).isZero();
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1", "AC2");
	}

	// ------------------------------------------------------------------ duplicates and
	// refusals

	@Test
	void aResentFileIsRefusedAsDuplicatesAndTheRealServiceAnswers207ForTheWholeChunk() throws Exception {
		Path file = file("a.csv", rows(1, 3));
		assertThat(cli(file)).isZero();

		assertThat(cli(file)).isZero();

		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1", "AC2", "AC3").containsValues(1);
		List<List<String>> errors = errors("a.csv");
		assertThat(errors).hasSize(3)
			.allSatisfy(r -> assertThat(r.get(7))
				.startsWith("HTTP 207: {\"successful\":null,\"failed\":[{\"transaction\":{\"portfolioId\":\""
						+ PORTFOLIO + "\"")
				.contains("{\"field\":\"sourceId\",\"message\":\"source ID must be unique\",\"value\":\"AC1\"}")
				.endsWith("\"summary\":{\"totalRequested\":3,\"successful\":0,\"failed\":3,\"successRate\":0}}\n"));
		assertThat(out).contains("Success Records: 0", "Error Records: 3");
	}

	@Test
	void aServiceAnswering200ListsOnlyTheRefusedRowsAsFieldColonMessage() throws Exception {
		service.partialFailureStatus(200);
		assertThat(cli(file("first.csv", rows(1, 2)))).isZero();
		Path file = file("a.csv",
				rows(1, 3) + PORTFOLIO + "," + SECURITY + ",ACZERO,BUY,0,1.5,20250527\n" + PORTFOLIO + "," + SECURITY
						+ ",ACFREE,BUY,10,0,20250527\n" + PORTFOLIO + "," + SECURITY + ",ACCASH,DEP,10,1,20250527\n"
						+ PORTFOLIO + ",,ACCASHPRICE,WD,10,2,20250527\n");

		assertThat(cli(file)).isZero();

		assertThat(errors("a.csv")).extracting(r -> r.get(2) + " -> " + r.get(7))
			.containsExactly("AC1 -> sourceId: source ID must be unique", "AC2 -> sourceId: source ID must be unique",
					"ACZERO -> transaction: transaction validation failed: [quantity cannot be zero]",
					"ACFREE -> price: must be positive", "ACCASH -> securityId: must be null for DEP/WD transactions",
					"ACCASHPRICE -> transaction: transaction validation failed: [cash transactions must have price of 1.0]");
		assertThat(errors("a.csv").get(5)).containsExactly(PORTFOLIO, "<nil>", "ACCASHPRICE", "WD", "10", "2",
				"20250527", "transaction: transaction validation failed: [cash transactions must have price of 1.0]");
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1", "AC2", "AC3");
		assertThat(out).contains("Total Records: 7", "Success Records: 1", "Error Records: 6");
	}

	@Test
	void rowsTheCliRefusesItselfAreNeverPostedAndCarryItsOwnMessages() throws Exception {
		Path file = file("a.csv",
				"short," + SECURITY + ",AC1,BUY,10,1.5,20250527\n" + PORTFOLIO + ",,AC2,buy,ten,,2025-05-27\n"
						+ PORTFOLIO + "," + SECURITY + ",AC3\n" + PORTFOLIO + "," + SECURITY
						+ ",AC4,SELL,-5,1.5,20250527\n");

		assertThat(cli(file)).isZero();

		assertThat(errors("a.csv")).extracting(r -> r.get(7))
			.containsExactly("portfolio_id must be 24 characters",
					"quantity must be a valid decimal number; price is required; transaction_date must be in YYYYMMDD format;"
							+ " security_id can only be empty for DEP or WD transaction types",
					"insufficient fields: expected 7, got 3");
		assertThat(errors("a.csv").get(1)).startsWith(PORTFOLIO, "", "AC2", "BUY");
		assertThat(service.requestSizes()).containsExactly(1);
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC4");
	}

	@Test
	void aBatchSizeAboveAThousandIsRefusedByTheServiceForEveryRow() throws Exception {
		assertThat(cli(file("a.csv", rows(1, 1001)), "--batch-size", "2000")).isZero();

		assertThat(errors("a.csv")).hasSize(1001)
			.allSatisfy(r -> assertThat(r.get(7)).startsWith(
					"HTTP 400: {\"error\":{\"code\":\"BATCH_TOO_LARGE\",\"message\":\"Maximum 1000 transactions per batch\""));
		assertThat(service.acceptedCounts()).isEmpty();
	}

	@Test
	void aBatchProcessedButAnsweredWithAnErrorIsDeliveredThoughTheCliReportsItFailed() throws Exception {
		service.processThenAnswerRequest(1, 502, "bad gateway");

		assertThat(cli(file("a.csv", rows(1, 2)))).isZero();

		assertThat(errors("a.csv")).extracting(r -> r.get(7)).containsOnly("HTTP 502: bad gateway");
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1", "AC2");
	}

	@Test
	void aClientTimeoutReadsAsGosDeadlineExceeded() throws Exception {
		service.delayRequest(1, java.time.Duration.ofSeconds(3));

		assertThat(cli(file("a.csv", rows(1, 1)), "--timeout", "300ms")).isZero();

		assertThat(errors("a.csv")).extracting(r -> r.get(7))
			.containsOnly("Post \"http://127.0.0.1:" + service.port()
					+ "/api/v1/transactions\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
	}

	// ------------------------------------------------------------------ the file itself

	@Test
	void exitsNonZeroOnlyWhenTheFileItselfCannotBeProcessed() throws Exception {
		assertThat(cli(dir.resolve("missing.csv"))).isEqualTo(1);
		assertThat(cli(file("a.txt", rows(1, 1)))).isEqualTo(1);
		assertThat(cli(Files.writeString(dir.resolve("empty.csv"), ""))).isEqualTo(1);
		Files.writeString(dir.resolve("nosecurity.csv"),
				"portfolio_id,source_id,transaction_type,quantity,price,transaction_date\n");
		assertThat(cli(dir.resolve("nosecurity.csv"))).isEqualTo(1);
		assertThat(service.requestCount()).isZero();

		Path headerOnly = Files.writeString(dir.resolve("header.csv"),
				" Transaction_Date,price,quantity,transaction_type,source_id,security_id,PORTFOLIO_ID\n");
		assertThat(cli(headerOnly)).isZero();
		assertThat(out).contains("Total Records: 0");
	}

	// ------------------------------------------------------------------ modes

	@Test
	void aMultiLineModeFileGivesOneModePerRunAndTheLastStays() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "fail\nunreachable\nok\n");
		Path file = file("a.csv", rows(1, 1));

		assertThat(cli(file)).isEqualTo(3);
		assertThat(cli(file)).isZero();
		assertThat(errors("a.csv")).extracting(r -> r.get(7))
			.singleElement()
			.asString()
			.endsWith("connect: connection refused");
		assertThat(service.requestCount()).isZero();
		Files.delete(dir.resolve("a.csv.errors.csv"));
		assertThat(cli(file)).isZero();
		assertThat(cli(file)).isZero();

		assertThat(Files.readString(dir.resolve(".cli-standin-mode")).trim()).isEqualTo("ok");
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1");
		assertThat(service.requestCount()).isEqualTo(2);
	}

	@Test
	void dieAfterDeliveryPostsEveryChunkThenDiesWithoutErrorsFileOrSummary() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "die-after-delivery\nok\n");
		Path file = file("a.csv", rows(1, 5) + "short," + SECURITY + ",ACBAD,BUY,1,1,20250527\n");

		Process cli = separateCli(file, "--batch-size", "2");
		String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(cli.exitValue()).isEqualTo(137);
		assertThat(output).doesNotContain("Processing Results");
		assertThat(dir.resolve("a.csv.errors.csv")).doesNotExist();
		assertThat(service.requestSizes()).containsExactly(2, 2, 1);
		assertThat(service.acceptedCounts()).hasSize(5);
	}

	@Test
	void killParentAfterDeliveryKillsTheProcessThatRanIt() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "kill-parent-after-delivery\n");
		Path file = file("a.csv", rows(1, 3));
		String command = String.join(" ", java(), "-cp", classpath(), PortfolioAccountingCliStandIn.class.getName(),
				"process", "--file", file.toString(), "--output-dir", dir.toString(), "--server-host", "127.0.0.1",
				"--server-port", Integer.toString(service.port()));
		// bash runs the CLI as a child (the trailing command stops it from exec-ing) and
		// would then wait a minute.
		Process parent = new ProcessBuilder("bash", "-c", command + "; sleep 60").redirectErrorStream(true)
			.redirectOutput(dir.resolve("parent.log").toFile())
			.start();

		assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(parent.exitValue()).isEqualTo(137);
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1", "AC2", "AC3");
	}

	@Test
	void holdWaitsForTheReleaseFile() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "hold\n");
		Process cli = separateCli(file("a.csv", rows(1, 1)));

		assertThat(cli.waitFor(500, TimeUnit.MILLISECONDS)).as("still held").isFalse();
		assertThat(service.requestCount()).isZero();
		Files.writeString(dir.resolve(".cli-standin-release"), "");

		assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(cli.exitValue()).isZero();
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1");
	}

	@Test
	void delayMakesASlowRun() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "delay:400\n");
		long start = System.nanoTime();

		assertThat(cli(file("a.csv", rows(1, 1)))).isZero();

		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(400_000_000L);
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1");
	}

	@Test
	void aFullDiskCutsTheErrorsFileInsideItsLastLineAndTheCliStillPrintsItsSummary() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "unreachable+errors-file-cut:25\n");

		assertThat(cli(file("a.csv", rows(1, 2)))).isZero();

		List<String> lines = Files.readAllLines(dir.resolve("a.csv.errors.csv"));
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).startsWith(PORTFOLIO + "," + SECURITY + ",AC1,");
		assertThat(lines.get(2)).isEqualTo(PORTFOLIO + ",");
		assertThat(Files.readString(dir.resolve("a.csv.errors.csv"))).doesNotEndWith("\n");
		assertThat(out).contains("Total Records: 2", "Error Records: 2");
	}

	@Test
	void chatterAfterTheSummaryFollowsIt() throws Exception {
		Files.writeString(dir.resolve(".cli-standin-mode"), "ok+chatter-after-summary:120\n");

		assertThat(cli(file("a.csv", rows(1, 1)))).isZero();

		String afterSummary = out.substring(out.indexOf("=== Processing Results ==="));
		assertThat(afterSummary.lines().filter(l -> l.contains("level=INFO"))).hasSize(120);
		assertThat(service.acceptedCounts()).containsOnlyKeys("AC1");
	}

	// ------------------------------------------------------------------ offline

	@Test
	void withoutAHostItRunsOfflineAgainstALedgerFileWithTheSameRules() throws Exception {
		Path file = file("a.csv", rows(1, 2));
		String[] args = { "process", "--file", file.toString(), "--output-dir", dir.toString() };

		assertThat(capture(() -> PortfolioAccountingCliStandIn.run(args, Map.of()))).isZero();
		assertThat(dir.resolve("a.csv.errors.csv")).doesNotExist();
		assertThat(Files.readAllLines(dir.resolve(".portfolio-accounting-ledger"))).containsExactly("AC1", "AC2");

		assertThat(capture(() -> PortfolioAccountingCliStandIn.run(args, Map.of()))).isZero();
		assertThat(errors("a.csv")).hasSize(2)
			.allSatisfy(r -> assertThat(r.get(7)).startsWith("HTTP 207: ").contains("source ID must be unique"));
		assertThat(Files.readAllLines(dir.resolve(".portfolio-accounting-ledger"))).containsExactly("AC1", "AC2");
		assertThat(service.requestCount()).isZero();
	}

	// ------------------------------------------------------------------ the service on
	// its own

	@Test
	void theServiceAnswersBadRequestsLikeTheRealOne() throws Exception {
		assertThat(post("[]")).startsWith(
				"400 {\"error\":{\"code\":\"EMPTY_BATCH\",\"message\":\"At least one transaction is required\"");
		assertThat(post("{not json"))
			.startsWith("400 {\"error\":{\"code\":\"INVALID_JSON\",\"message\":\"Invalid JSON format\"");
		assertThat(post("[{\"portfolioId\":\"" + PORTFOLIO + "\",\"securityId\":\"" + SECURITY
				+ "\",\"sourceId\":\"X1\","
				+ "\"transactionType\":\"BUY\",\"quantity\":10,\"price\":\"1.50\",\"transactionDate\":\"20250527\"}]"))
			.startsWith("201 {\"successful\":[{\"id\":1,\"portfolioId\":\"" + PORTFOLIO + "\",\"securityId\":\""
					+ SECURITY
					+ "\",\"sourceId\":\"X1\",\"status\":\"PROC\",\"transactionType\":\"BUY\",\"quantity\":\"10\",\"price\":\"1.5\"")
			.contains(
					"\"failed\":null,\"summary\":{\"totalRequested\":1,\"successful\":1,\"failed\":0,\"successRate\":100}");
		service.answerNext(2, 503, "busy");
		assertThat(post("[]")).isEqualTo("503 busy");
		assertThat(post("[]")).isEqualTo("503 busy");
		assertThat(post("[]")).startsWith("400 ");
		assertThat(service.requestCount()).isEqualTo(6);
		assertThat(service.acceptedCount("X1")).isEqualTo(1);
	}

	// ------------------------------------------------------------------ helpers

	private String post(String body) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> r = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/v1/transactions"))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			return r.statusCode() + " " + r.body();
		}
	}

	private int cli(Path file, String... extra) throws Exception {
		List<String> args = new ArrayList<>(List.of("process", "--file", file.toString(), "--output-dir",
				dir.toString(), "--server-host", "127.0.0.1", "--server-port", Integer.toString(service.port())));
		args.addAll(List.of(extra));
		return capture(() -> PortfolioAccountingCliStandIn.run(args.toArray(String[]::new), Map.of()));
	}

	private interface Run {

		int run() throws Exception;

	}

	private int capture(Run run) throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		try {
			return run.run();
		}
		finally {
			System.setOut(original);
			out = buffer.toString(StandardCharsets.UTF_8);
		}
	}

	private Process separateCli(Path file, String... extra) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath(),
				PortfolioAccountingCliStandIn.class.getName(), "process", "--file", file.toString(), "--output-dir",
				dir.toString(), "--server-host", "127.0.0.1", "--server-port", Integer.toString(service.port())));
		command.addAll(List.of(extra));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private List<List<String>> errors(String name) throws IOException {
		List<List<String>> records = PortfolioAccountingCliStandIn.GoCsv
			.read(Files.readString(dir.resolve(name + ".errors.csv")), false);
		assertThat(String.join(",", records.getFirst())).isEqualTo(HEADER + ",error_message");
		return records.subList(1, records.size());
	}

	private Path file(String name, String body) throws IOException {
		return Files.writeString(dir.resolve(name), HEADER + "\n" + body);
	}

	private static String rows(int from, int to) {
		StringBuilder rows = new StringBuilder();
		for (int i = from; i <= to; i++) {
			rows.append(PORTFOLIO)
				.append(',')
				.append(SECURITY)
				.append(",AC")
				.append(i)
				.append(",BUY,10,1.5,20250527\n");
		}
		return rows.toString();
	}

	private static List<String> ids(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj(i -> "AC" + i).toList();
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String classpath() throws IOException {
		try {
			return Path
				.of(PortfolioAccountingCliStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
		}
		catch (java.net.URISyntaxException e) {
			throw new IOException(e);
		}
	}

}
