package org.kasbench.globeco.allocation.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.standins.PortfolioAccountingServiceStandIn;
import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.HostileCliOutput;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built API against a CLI whose output does not check out, attempt after attempt: an
 * errors file cut by a full disk inside its last line, a row listed twice, a line naming
 * a row that is not the attempt's, a byte that is not UTF-8. Each attempt gives no
 * verdict (502 CLI_FAILED) and the next sends every row again, until an attempt that
 * checks out closes the batch with every execution accepted downstream exactly once.
 */
class HostileCliOutputChaosIT {

	private static final Path WORK = Path.of(System.getProperty("chaos.workDir", "target/chaos"))
		.resolve("hostile-cli-output");

	private static final Path FILES = WORK.resolve("files");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static TestDatabase db;

	private static JdbcTemplate jdbc;

	private static PortfolioAccountingServiceStandIn portfolioAccounting;

	private static TradeServiceStandIn tradeService;

	private static ServiceProcess api;

	private static int apiPort;

	@BeforeAll
	static void startTheApi() throws IOException {
		Files.createDirectories(FILES);
		db = TestDatabase.create();
		jdbc = new JdbcTemplate(db.dataSource());
		portfolioAccounting = PortfolioAccountingServiceStandIn.start(0);
		tradeService = TradeServiceStandIn.start(0);
		apiPort = Deployables.freePort();
		String cli = HostileCliOutput.command(Deployables.cliCommand(portfolioAccounting.port()));
		List<String> settings = Deployables.settings(db, db.url(), FILES, cli, tradeService);
		settings.add("--spring.batch.job.enabled=false");
		Deployables.startApi("api", WORK.resolve("logs"), apiPort, settings, started -> api = started);
	}

	@AfterAll
	static void stopTheApi() {
		if (api != null) {
			api.kill();
			api.endOrphans();
		}
		Deployables.stop(portfolioAccounting, tradeService);
	}

	@Test
	void noHostileErrorsFileLosesARowAndTheFirstAttemptThatChecksOutClosesTheBatch() {
		List<Integer> ids = jdbc.queryForList("""
				INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination,
				    trade_date, security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp,
				    quantity_filled, total_amount, average_price)
				SELECT n, false, 'FULL', 'SELL', 'ML', DATE '2025-06-02', '68336002fe95851f0a2aeda9', 'IBM',
				    '684f125ac19ad4fb89bc14ba', 25, now(), now(), 25, 4760.24, 190.4096
				FROM generate_series(1, 300) AS n
				RETURNING id""", Integer.class);
		// The first chunk is answered 503, so the first errors file has lines; later
		// attempts' files have the 207 lines of rows delivered before, two lines each
		// (the
		// body ends with a line break).
		portfolioAccounting.answerNext(1, 503, "{\"error\":\"scaling\"}");
		CliStandIns.modes(FILES, "ok+errors-file-cut:25", CliStandIns.OK);
		HostileCliOutput.edits(FILES, ":",
				"first=$(sed -n 2,3p \"$errors\"); sed -i '$d' \"$errors\"; sed -i '$d' \"$errors\";"
						+ " printf '%s\\n' \"$first\" >> \"$errors\"",
				"sed -i \"$(grep -n ',AC[0-9]*,' \"$errors\" | tail -n 1 | cut -d: -f1) s/,AC[0-9]*,/,AC0,/\" \"$errors\"",
				"sed -i '0,/unique/ s/unique/uniq\\xffue/' \"$errors\"");

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
			send();
			return noVerdicts().size() >= 4;
		});

		assertThat(noVerdicts()).hasSize(4)
			.satisfiesExactly(m -> assertThat(m).contains("has 2 columns"),
					m -> assertThat(m).contains("again (first on line 2)"),
					m -> assertThat(m).contains("names source id 'AC0'"), m -> assertThat(m).contains("is not UTF-8"));
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
			send();
			return jdbc.queryForObject(
					"SELECT count(*) FROM batch_history WHERE status NOT IN"
							+ " ('COMPLETED', 'COMPLETED_WITH_REJECTIONS', 'NOTHING_TO_SEND', 'SEED')",
					Integer.class) == 0;
		});
		assertThat(ids).allSatisfy(
				id -> assertThat(portfolioAccounting.acceptedCount("AC" + id)).as("AC" + id + " accepted downstream")
					.isEqualTo(1));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id IS NULL", Integer.class))
			.isZero();
	}

	private static List<String> noVerdicts() {
		return jdbc.queryForList("SELECT message FROM batch_status_history WHERE status = 'FAILED'"
				+ " AND message LIKE 'No verdict:%' ORDER BY id", String.class);
	}

	private static void send() throws IOException, InterruptedException {
		HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/executions/send"))
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

}
