package org.kasbench.globeco.allocation.sendjob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kasbench.globeco.allocation.startup.InvalidConfigurationException;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The send worker as the CronJob runs it: start, send once, exit with a code that tells the outcome. */
class SendWorkerTest {

    @TempDir
    Path files;

    @Test
    void sendsOnceAndExitsZeroThenFailsWithOneWhenTheCliFails() throws Exception {
        TestDatabase db = TestDatabase.shared();
        int exit = runWorker(db);
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        jdbc.update("""
                INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination, trade_date,
                    security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp, quantity_filled,
                    total_amount, average_price)
                VALUES (424242, false, 'FULL', 'SELL', 'ML', DATE '2025-05-27', '68336002fe95851f0a2aeda9', 'IBM',
                    '684f125ac19ad4fb89bc14ba', 12.5, now(), now(), 12.5, 125, 10)""");

        int sent = runWorker(db);
        String status = jdbc.queryForObject("SELECT status FROM batch_history ORDER BY id DESC LIMIT 1", String.class);
        String file = jdbc.queryForObject("SELECT file_name FROM batch_history ORDER BY id DESC LIMIT 1", String.class);

        assertThat(exit).as("nothing to send is success").isZero();
        assertThat(sent).isZero();
        assertThat(status).isEqualTo("COMPLETED");
        assertThat(Files.readAllLines(files.resolve(file))).hasSize(2).last().asString().contains(",SELL,12.5,10,20250527");

        jdbc.update("UPDATE execution SET batch_id = NULL WHERE execution_service_id = 424242");
        CliStandIns.mode(files, "fail");
        assertThat(runWorker(db)).isEqualTo(1);
        int failedBatch = jdbc.queryForObject("SELECT max(id) FROM batch_history", Integer.class);

        CliStandIns.mode(files, "ok");
        assertThat(runWorker(db)).as("the next scheduled run retries the failed batch").isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM batch_history WHERE id = ?", String.class, failedBatch))
                .isEqualTo("COMPLETED");
    }

    @Test
    void oneRunIsOneJobExecutionAndSpringBatchsOwnJobRunnerNeverRuns() {
        TestDatabase db = TestDatabase.shared();
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        runWorker(db);
        long before = jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class);

        assertThat(runWorker(db)).as("nothing to send").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(before + 1);
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution", String.class)).doesNotContain("FAILED", "ABANDONED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution e JOIN batch_job_execution_params p"
                + " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_name = 'batchId'", Long.class))
                .as("every job execution is one of ours, keyed by its batch").isEqualTo(before + 1);
    }

    @Test
    void aWorkerThatCannotWorkStopsAtStartWithAOneLineReasonAndExitCodeTwo() {
        TestDatabase db = TestDatabase.shared();
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        runWorker(db);
        long batches = jdbc.queryForObject("SELECT count(*) FROM batch_history", Long.class);
        SpringApplication app = new SpringApplication(AllocationSendJobApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);

        // The image's defaults outside Kubernetes: docker mode, no docker client in the image.
        assertThatThrownBy(() -> app.run("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--allocation.files.dir=" + files,
                "--allocation.cli.docker.executable=/nonexistent/docker"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.getExitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("allocation.cli.mode=docker but the docker client '/nonexistent/docker' is not");
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_history", Long.class)).as("no batch opened").isEqualTo(batches);
    }

    private int runWorker(TestDatabase db) {
        SpringApplication app = new SpringApplication(AllocationSendJobApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--allocation.files.dir=" + files,
                "--allocation.cli.mode=exec", "--allocation.cli.command=" + CliStandIns.execCommand(),
                "--allocation.send.retry-backoff=0s");
        try (ConfigurableApplicationContext context = app.run(args.toArray(String[]::new))) {
            return SpringApplication.exit(context);
        }
    }
}
