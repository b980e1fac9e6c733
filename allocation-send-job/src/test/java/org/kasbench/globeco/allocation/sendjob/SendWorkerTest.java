package org.kasbench.globeco.allocation.sendjob;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send worker as the CronJob runs it: start, send once, exit with a code that tells
 * the outcome (0 done, 1 the send did not complete, 2 a setting is invalid, 3 the
 * database unreachable), each with a line that names the cause.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendWorkerTest {

	@TempDir
	Path files;

	/**
	 * The schema, so each test can store its rows before the first worker run, whatever
	 * the order.
	 */
	@BeforeAll
	static void migrate() {
		Flyway.configure().dataSource(TestDatabase.shared().dataSource()).load().migrate();
	}

	@Test
	void sendsTheReadyRowsOnceAndExitsZero() throws Exception {
		TestDatabase db = TestDatabase.shared();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		int esid = storeReadyExecution(jdbc);

		assertThat(runWorker(db)).isZero();

		Map<String, Object> batch = batchOf(jdbc, esid);
		assertThat(batch.get("status")).isEqualTo("COMPLETED");
		assertThat(Files.readAllLines(files.resolve((String) batch.get("file_name"))))
			.filteredOn(line -> line.contains(",AC"))
			.singleElement()
			.asString()
			.endsWith(",SELL,12.5,10,20250527");
	}

	@Test
	void aFailingCliExitsOneAndTheNextRunRetriesTheBatch() {
		TestDatabase db = TestDatabase.shared();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		int esid = storeReadyExecution(jdbc);
		CliStandIns.mode(files, "fail");

		assertThat(runWorker(db)).isEqualTo(1);
		Map<String, Object> failed = batchOf(jdbc, esid);
		assertThat(failed.get("status")).isEqualTo("FAILED");

		CliStandIns.mode(files, "ok");
		assertThat(runWorker(db)).as("the next scheduled run retries the failed batch").isZero();
		assertThat(batchOf(jdbc, esid)).containsEntry("id", failed.get("id")).containsEntry("status", "COMPLETED");
	}

	@Test
	void oneRunIsOneJobExecutionAndSpringBatchsOwnJobRunnerNeverRuns() {
		TestDatabase db = TestDatabase.shared();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		runWorker(db);
		long before = jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class);

		assertThat(runWorker(db)).as("nothing to send").isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(before + 1);
		assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution", String.class)).doesNotContain("FAILED",
				"ABANDONED");
		assertThat(
				jdbc.queryForObject(
						"SELECT count(*) FROM batch_job_execution e JOIN batch_job_execution_params p"
								+ " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_name = 'batchId'",
						Long.class))
			.as("every job execution is one of ours, keyed by its batch")
			.isEqualTo(before + 1);
	}

	@Test
	void aWorkerThatCannotWorkStopsAtStartWithAOneLineReasonAndExitCodeTwo(CapturedOutput output) {
		TestDatabase db = TestDatabase.shared();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		long batches = jdbc.queryForObject("SELECT count(*) FROM batch_history", Long.class);

		// The image's defaults outside Kubernetes: docker mode, no docker client in the
		// image.
		assertThat(AllocationSendJobApplication.run("--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
				"--allocation.files.dir=" + files, "--allocation.cli.docker.executable=/nonexistent/docker"))
			.isEqualTo(2);

		assertOneLineReason(output, "Exit 2: Invalid setting allocation.cli.docker.executable=/nonexistent/docker",
				"is not an executable file or on the PATH (in Kubernetes, set allocation.cli.mode=kubernetes)");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_history", Long.class)).as("no batch opened")
			.isEqualTo(batches);
	}

	@Test
	void aMisspeltChoiceIsAnInvalidSettingExitTwoNamingTheChoices(CapturedOutput output) {
		TestDatabase db = TestDatabase.shared();

		assertThat(AllocationSendJobApplication.run("--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
				"--allocation.files.dir=" + files, "--allocation.cli.mode=kubernets"))
			.isEqualTo(2);

		assertOneLineReason(output, "Exit 2: Invalid setting allocation.cli.mode=kubernets",
				"not one of docker, kubernetes, exec");
	}

	@Test
	void anUnreachableDatabaseIsExitThreeWithOneLine(CapturedOutput output) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		assertThat(AllocationSendJobApplication.run(
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres",
				"--spring.datasource.hikari.connection-timeout=2000", "--allocation.files.dir=" + files,
				"--allocation.cli.mode=exec", "--allocation.cli.command=" + CliStandIns.execCommand()))
			.isEqualTo(3);

		assertOneLineReason(output, "Exit 3: The database cannot be reached: Connection to 127.0.0.1:" + closedPort);
	}

	/**
	 * The reason is one line, and neither Spring's failure report nor a stack trace
	 * buries it.
	 */
	private static void assertOneLineReason(CapturedOutput output, String... parts) {
		assertThat(output.getOut().lines().filter(line -> line.contains("Exit "))).singleElement()
			.asString()
			.contains("ERROR")
			.contains(parts);
		assertThat(output.getAll()).doesNotContain("APPLICATION FAILED TO START")
			.doesNotContain("Application run failed")
			.doesNotContainPattern("(?m)^\\s+at ");
	}

	/** An execution ready to send, with its own execution service id. */
	private static int storeReadyExecution(JdbcTemplate jdbc) {
		int id = Executions.insertDirectly(jdbc, "SELL", "684f125ac19ad4fb89bc14ba", new BigDecimal("12.5"));
		return jdbc.queryForObject("SELECT execution_service_id FROM execution WHERE id = ?", Integer.class, id);
	}

	/** The batch that holds the execution. */
	private static Map<String, Object> batchOf(JdbcTemplate jdbc, int esid) {
		return jdbc.queryForMap("SELECT b.id, b.status, b.file_name FROM batch_history b"
				+ " JOIN execution e ON e.batch_id = b.id WHERE e.execution_service_id = ?", esid);
	}

	private int runWorker(TestDatabase db) {
		return AllocationSendJobApplication.run("--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
				"--allocation.files.dir=" + files, "--allocation.cli.mode=exec",
				"--allocation.cli.command=" + CliStandIns.execCommand(), "--allocation.send.retry-backoff=0s");
	}

}
