package org.kasbench.globeco.allocation.send;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.CommonTestApplication;
import org.kasbench.globeco.allocation.send.domain.SendBatchRepository;
import org.kasbench.globeco.allocation.send.domain.SendBatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.SendBatch;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.execution.domain.ExecutionRepository;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.DatabaseTest;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The send job end to end: real PostgreSQL, real files, and the CLI stand-in run as a process (exec mode). */
@SpringBootTest(classes = CommonTestApplication.class)
class SendJobTest extends DatabaseTest {

    static final Path FILES = tempDir();

    @DynamicPropertySource
    static void send(DynamicPropertyRegistry registry) {
        registry.add("allocation.files.dir", FILES::toString);
        registry.add("allocation.cli.mode", () -> "exec");
        registry.add("allocation.cli.command", CliStandIns::execCommand);
        registry.add("allocation.cli.timeout", () -> "6s");
        registry.add("allocation.send.chunk-size", () -> "7");
    }

    @Autowired
    ExecutionSender sender;
    @Autowired
    SendBatchRepository batches;
    @Autowired
    ExecutionRepository executions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;

    @AfterEach
    void cliBehavesAgain() {
        CliStandIns.mode(FILES, "ok");
    }

    @Test
    void sendsEveryReadyExecutionOnceInTheCliFormat() throws IOException {
        List<Execution> stored = store(20);

        SendBatch batch = sender.sendNow();

        assertThat(batch.status()).isEqualTo(SendBatchStatus.COMPLETED);
        assertThat(batch.executionMode()).isEqualTo("exec");
        List<String> lines = Files.readAllLines(FILES.resolve(batch.fileName()));
        assertThat(lines.getFirst()).isEqualTo("portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date");
        assertThat(lines).hasSize(batch.processedCount() + 1);
        Execution first = stored.getFirst();
        assertThat(lines).contains("684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,AC" + first.id() + ",BUY,1000,190.4096,20250527");
        assertThat(sourceIds(lines).stream().map(s -> Integer.parseInt(s.substring(2))).toList())
                .as("ids in order, each once").isSorted().doesNotHaveDuplicates()
                .containsAll(stored.stream().map(Execution::id).toList());
        assertThat(batch.acceptedCount()).isEqualTo(batch.processedCount());
        assertThat(batch.rejectedCount()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id IS NULL", Integer.class)).isZero();
        assertThat(Files.list(FILES).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        assertThat(batches.history(batch.id())).extracting(c -> c.status()).containsSubsequence(
                SendBatchStatus.OPEN, SendBatchStatus.CLAIMED, SendBatchStatus.FILE_WRITTEN, SendBatchStatus.CLI_RUNNING, SendBatchStatus.COMPLETED);

        SendBatch nothing = sender.sendNow();

        assertThat(nothing.status()).isEqualTo(SendBatchStatus.NOTHING_TO_SEND);
        assertThat(nothing.fileName()).isNull();
        assertThat(FILES.resolve(BatchFiles.fileName(nothing.id()))).doesNotExist();
    }

    @Test
    void rowsTheCliRefusesAreRecordedWithTheirReason() {
        store(2);
        int bad = insertDirectly("SHORTPORTFOLIO");

        SendBatch batch = sender.sendNow();

        assertThat(batch.status()).isEqualTo(SendBatchStatus.COMPLETED_WITH_REJECTIONS);
        assertThat(batch.rejectedCount()).isEqualTo(1);
        assertThat(batch.acceptedCount()).isEqualTo(batch.processedCount() - 1);
        assertThat(batches.rejections(batch.id())).singleElement().satisfies(r -> {
            assertThat(r.sourceId()).isEqualTo("AC" + bad);
            assertThat(r.errorMessage()).contains("portfolio_id");
        });
    }

    @Test
    void aFailedCliRunMarksTheBatchFailedAndARetrySendsTheSameRowsAndFile() throws IOException {
        List<Execution> stored = store(3);
        CliStandIns.mode(FILES, "fail");

        SendBatch failed = sender.sendNow();

        assertThat(failed.status()).isEqualTo(SendBatchStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
        assertThat(failed.cliExitCode()).isEqualTo(3);
        assertThat(failed.message()).contains("exited with 3", "simulated failure");
        String file = failed.fileName();
        List<String> linesBefore = Files.readAllLines(FILES.resolve(file));

        List<Execution> arrivedMeanwhile = store(2);
        CliStandIns.mode(FILES, "ok");
        SendBatch retried = sender.retry(failed.id());

        assertThat(retried.status()).isEqualTo(SendBatchStatus.COMPLETED);
        assertThat(retried.fileName()).isEqualTo(file);
        assertThat(retried.processedCount()).isEqualTo(failed.processedCount());
        assertThat(Files.readAllLines(FILES.resolve(file))).isEqualTo(linesBefore);
        assertThat(sourceIds(linesBefore)).containsAll(stored.stream().map(e -> "AC" + e.id()).toList())
                .doesNotContainAnyElementsOf(arrivedMeanwhile.stream().map(e -> "AC" + e.id()).toList());
        assertThatThrownBy(() -> sender.retry(retried.id())).isInstanceOf(RetryNotPossibleException.class);

        SendBatch next = sender.sendNow();
        assertThat(sourceIds(Files.readAllLines(FILES.resolve(next.fileName()))))
                .containsAll(arrivedMeanwhile.stream().map(e -> "AC" + e.id()).toList());
    }

    @Test
    void aResendOfDeliveredRowsCountsTheCliDuplicatesAsAccepted() {
        store(2);
        CliStandIns.mode(FILES, "ok");
        SendBatch batch = sender.sendNow();
        // As if the CLI had delivered the rows but the run was then lost: the same file goes again.
        jdbc.update("UPDATE batch_history SET status = 'FAILED', failure_reason = 'CLI_FAILED' WHERE id = ?", batch.id());
        jdbc.update("UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED' WHERE step_name = 'recordOutcome'"
                + " AND job_execution_id = ?", batch.jobExecutionId());
        jdbc.update("UPDATE batch_step_execution SET status = 'FAILED', exit_code = 'FAILED' WHERE step_name = 'invokeCli'"
                + " AND job_execution_id = ?", batch.jobExecutionId());
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED', exit_code = 'FAILED' WHERE job_execution_id = ?",
                batch.jobExecutionId());

        SendBatch again = sender.retry(batch.id());

        assertThat(again.status()).isEqualTo(SendBatchStatus.COMPLETED);
        assertThat(again.acceptedCount()).isEqualTo(batch.processedCount());
        assertThat(again.message()).contains("already accepted by an earlier run");
    }

    @Test
    void aCliThatReachesNobodyFailsTheBatchAndARetryRunsTheCliAgain() {
        store(2);
        CliStandIns.mode(FILES, "unreachable");

        SendBatch failed = sender.sendNow();

        assertThat(failed.status()).isEqualTo(SendBatchStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
        assertThat(failed.message()).contains("refused every row", "connection refused");

        CliStandIns.mode(FILES, "ok");
        SendBatch retried = sender.retry(failed.id());

        assertThat(retried.status()).isEqualTo(SendBatchStatus.COMPLETED);
        assertThat(retried.acceptedCount()).isEqualTo(failed.processedCount());
    }

    @Test
    void ofTwoRetriesAtOnceOneRunsAndTheOtherIsRefused() {
        store(1);
        CliStandIns.mode(FILES, "fail");
        SendBatch failed = sender.sendNow();
        CliStandIns.mode(FILES, "ok");
        CyclicBarrier together = new CyclicBarrier(2);

        List<Object> outcomes = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            await(together);
            try {
                return (Object) sender.retry(failed.id()).status();
            } catch (RetryNotPossibleException e) {
                return "refused";
            }
        })).toList().stream().map(CompletableFuture::join).toList();

        assertThat(outcomes).containsExactlyInAnyOrder(SendBatchStatus.COMPLETED, "refused");
    }

    @Test
    void aCliThatHangsIsStoppedAtTheTimeout() {
        store(1);
        CliStandIns.mode(FILES, "hang");

        SendBatch batch = sender.sendNow();

        assertThat(batch.status()).isEqualTo(SendBatchStatus.FAILED);
        assertThat(batch.failureReason()).isEqualTo(FailureReason.CLI_TIMEOUT);
    }

    @Test
    void aBatchLeftBehindByADeadProcessIsCompletedByARetry() {
        List<Execution> stored = store(2);
        SendBatch opened = sender.open();
        batches.claim(opened.id());
        JobInstance instance = jobRepository.createJobInstance(SendJobConfiguration.JOB_NAME, ExecutionSender.parameters(opened.id()));
        JobExecution running = jobRepository.createJobExecution(instance, ExecutionSender.parameters(opened.id()), new ExecutionContext());
        running.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
        jobRepository.update(running);
        assertThatThrownBy(() -> sender.retry(opened.id())).as("still fresh: maybe still running")
                .isInstanceOf(RetryNotPossibleException.class);
        jdbc.update("UPDATE batch_history SET updated_at = now() - interval '2 hours' WHERE id = ?", opened.id());

        SendBatch completed = sender.retry(opened.id());

        assertThat(completed.status()).isEqualTo(SendBatchStatus.COMPLETED);
        assertThat(batches.history(opened.id())).extracting(c -> c.status()).contains(SendBatchStatus.FAILED, SendBatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT batch_id FROM execution WHERE id IN (?, ?)", Integer.class,
                stored.get(0).id(), stored.get(1).id())).containsOnly(opened.id());
    }

    @Test
    void anInsertThatCommitsAfterABatchLookedGoesOutInTheNextBatch() throws Exception {
        int esid = Executions.uniqueId();
        try (Connection slow = TestDatabase.shared().dataSource().getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement(INSERT_SQL)) {
                insert.setInt(1, esid);
                insert.setString(2, "684f125ac19ad4fb89bc14ba");
                insert.executeUpdate(); // ready_to_send_timestamp = this transaction's start, before the batch's
            }
            SendBatch during = sender.sendNow();
            assertThat(during.status()).isIn(SendBatchStatus.COMPLETED, SendBatchStatus.NOTHING_TO_SEND);
            slow.commit();
        }
        int id = jdbc.queryForObject("SELECT id FROM execution WHERE execution_service_id = ?", Integer.class, esid);

        SendBatch after = sender.sendNow();

        assertThat(after.status()).isEqualTo(SendBatchStatus.COMPLETED);
        assertThat(sourceIds(Files.readAllLines(FILES.resolve(after.fileName())))).contains("AC" + id);
        assertThat(jdbc.queryForObject("SELECT batch_id FROM execution WHERE id = ?", Integer.class, id)).isEqualTo(after.id());
    }

    @Test
    void concurrentSendsAndIngestPutEveryExecutionInExactlyOneFile() throws IOException {
        List<Integer> allIds = new ArrayList<>();
        CyclicBarrier together = new CyclicBarrier(6);
        List<CompletableFuture<List<SendBatch>>> senders = IntStream.range(0, 3).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            await(together);
            List<SendBatch> sent = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                try {
                    sent.add(sender.sendNow());
                } catch (SendInProgressException e) {
                    // another sender holds the window: the 409 of the API
                }
            }
            return sent;
        })).toList();
        List<CompletableFuture<List<Integer>>> writers = IntStream.range(0, 3).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            await(together);
            return Stream.generate(() -> store(5)).limit(8).flatMap(List::stream).map(Execution::id).toList();
        })).toList();
        writers.forEach(w -> allIds.addAll(w.join()));
        List<SendBatch> sent = senders.stream().flatMap(s -> s.join().stream()).collect(Collectors.toList());
        sent.add(sender.sendNow()); // whatever arrived after the last concurrent send

        assertThat(sent).allMatch(b -> b.status() == SendBatchStatus.COMPLETED || b.status() == SendBatchStatus.NOTHING_TO_SEND);
        Map<String, Long> timesSent = new java.util.HashMap<>();
        for (SendBatch b : sent) {
            if (b.fileName() != null) {
                sourceIds(Files.readAllLines(FILES.resolve(b.fileName()))).forEach(s -> timesSent.merge(s, 1L, Long::sum));
            }
        }
        assertThat(allIds).allSatisfy(id -> assertThat(timesSent.get("AC" + id)).as("AC" + id).isEqualTo(1L));
    }

    private static final String INSERT_SQL = """
            INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination, trade_date,
                security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp, quantity_filled,
                total_amount, average_price)
            VALUES (?, false, 'FULL', 'BUY', 'ML', DATE '2025-05-27', '68336002fe95851f0a2aeda9', 'IBM', ?, 10,
                now(), now(), 10, 100, 10)""";

    private int insertDirectly(String portfolioId) {
        int esid = Executions.uniqueId();
        jdbc.update(INSERT_SQL, esid, portfolioId);
        return jdbc.queryForObject("SELECT id FROM execution WHERE execution_service_id = ?", Integer.class, esid);
    }

    private List<Execution> store(int count) {
        return executions.insertNew(IntStream.range(0, count).mapToObj(i -> Executions.newExecution(Executions.uniqueId())).toList());
    }

    private static List<String> sourceIds(List<String> lines) {
        return lines.stream().skip(1).map(l -> l.split(",")[2]).toList();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("allocation-send-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
