package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.job.SendJobConfiguration;
import org.kasbench.globeco.allocation.send.job.SendJobParameters;
import org.kasbench.globeco.allocation.send.domain.RetryNotPossibleException;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.RecordedVerdict;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import com.zaxxer.hikari.HikariDataSource;
import org.kasbench.globeco.allocation.database.DatabaseConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The send job end to end: real PostgreSQL, real files, and the CLI stand-in run as a
 * process (exec mode).
 */
class SendJobTest extends SendJobTestSupport {

	static final Path FILES = CliStandIns.newFilesDirectory();

	@DynamicPropertySource
	static void send(DynamicPropertyRegistry registry) {
		// A margin for the stand-in's JVM; SendJobTimeoutTest tests the timeout itself.
		CliStandIns.sendInExecMode(registry, FILES, "4s");
		registry.add("allocation.send.chunk-size", () -> "7");
	}

	@Autowired
	JobRepository jobRepository;

	@Autowired
	DataSource mainDataSource;

	@Autowired
	@BatchDataSource
	DataSource sendDataSource;

	@Autowired
	@Qualifier(DatabaseConfiguration.LEASE_DATA_SOURCE)
	DataSource leaseDataSource;

	@AfterEach
	void cliBehavesAgain() {
		CliStandIns.mode(FILES, CliStandIns.OK);
	}

	@Test
	void sendsEveryReadyExecutionOnceInTheCliFormat() throws IOException {
		List<Execution> stored = store(20);

		Batch batch = sender.sendNow();

		assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(batch.executionMode()).isEqualTo("exec");
		List<String> lines = Files.readAllLines(FILES.resolve(batch.fileName()));
		assertThat(lines.getFirst())
			.isEqualTo("portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date");
		assertThat(lines).hasSize(batch.claimedCount() + 1);
		Execution first = stored.getFirst();
		assertThat(lines).contains(
				"684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,AC" + first.id() + ",BUY,1000,190.4096,20250527");
		assertThat(sourceIds(lines).stream().map(s -> Integer.parseInt(s.substring(2))).toList())
			.as("ids in order, each once")
			.isSorted()
			.doesNotHaveDuplicates()
			.containsAll(stored.stream().map(Execution::id).toList());
		assertThat(batch.acceptedCount()).isEqualTo(batch.claimedCount());
		assertThat(batch.refusedCount()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id IS NULL", Integer.class))
			.isZero();
		assertThat(Files.list(FILES).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
		assertThat(audit.history(batch.id())).extracting(c -> c.status())
			.containsSubsequence(BatchStatus.OPEN, BatchStatus.CLAIMED, BatchStatus.FILE_WRITTEN,
					BatchStatus.CLI_RUNNING, BatchStatus.COMPLETED);

		Batch nothing = sender.sendNow();

		assertThat(nothing.status()).isEqualTo(BatchStatus.NOTHING_TO_SEND);
		assertThat(nothing.fileName()).isNull();
		assertThat(FILES.resolve(BatchFiles.fileName(nothing.id(), 1))).doesNotExist();
	}

	@Test
	void aRowRefusedOnItsMeritsIsRecordedAndTheBatchStillCloses() {
		store(2);
		int bad = insertDirectly("SHORTPORTFOLIO");

		Batch batch = sender.sendNow();

		assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED_WITH_REJECTIONS);
		assertThat(batch.refusedCount()).isEqualTo(1);
		assertThat(batch.undeliveredCount()).isZero();
		assertThat(batch.acceptedCount()).isEqualTo(batch.claimedCount() - 1);
		assertThat(audit.recordedVerdicts(batch.id())).singleElement().satisfies(r -> {
			assertThat(r.sourceId()).isEqualTo("AC" + bad);
			assertThat(r.verdict()).isEqualTo(RowVerdict.REFUSED);
			assertThat(r.errorMessage()).contains("portfolio_id");
		});
	}

	@Test
	void aLoneRefusedRowClosesItsBatchWithRejectionsAndIsNotRetried() {
		int bad = insertDirectly("SHORTPORTFOLIO");

		Batch batch = sender.sendNow();

		assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED_WITH_REJECTIONS);
		assertThat(batch.claimedCount()).isEqualTo(1);
		assertThat(batch.refusedCount()).isEqualTo(1);
		assertThat(sender.recoverDue()).extracting(Batch::id).doesNotContain(batch.id());
		assertThat(audit.recordedVerdicts(batch.id())).extracting(r -> r.sourceId()).containsExactly("AC" + bad);
	}

	@Test
	void refusedRowsRequeuedByAnOperatorGoOutAloneWithTheBatchsNextAttempt() throws IOException {
		store(2);
		int bad = insertDirectly("SHORTPORTFOLIO");
		Batch closed = sender.sendNow();

		assertThat(sender.requeueRefused(closed.id())).isEqualTo(1);
		Batch requeued = batches.find(closed.id()).orElseThrow();
		assertThat(requeued.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(requeued.failureReason()).isEqualTo(FailureReason.REQUEUED);
		assertThat(requeued.undeliveredCount()).isEqualTo(1);

		Batch again = sender.retry(closed.id());

		assertThat(again.attempts()).isEqualTo(2);
		assertThat(sourceIds(Files.readAllLines(FILES.resolve(again.fileName())))).containsExactly("AC" + bad);
		assertThat(again.status()).as("still refused downstream").isEqualTo(BatchStatus.COMPLETED_WITH_REJECTIONS);
		assertThat(again.acceptedCount()).isEqualTo(closed.acceptedCount());
	}

	@Test
	void refusedRowsStayRefusedWhileAnAttemptRunsTheirBatch() {
		insertDirectly("SHORTPORTFOLIO");
		Batch closed = sender.sendNow();
		JdbcTemplate jdbc = new JdbcTemplate(sendDataSource);
		// As an operator's retry leaves it while its CLI runs elsewhere.
		jdbc.update("UPDATE batch_history SET status = 'CLI_RUNNING', lease_owner = 'elsewhere',"
				+ " lease_expires_at = now() + interval '1 hour' WHERE id = ?", closed.id());
		try {
			assertThatThrownBy(() -> sender.requeueRefused(closed.id())).isInstanceOf(RetryNotPossibleException.class)
				.hasMessage("Batch " + closed.id() + " is running; refused rows can be requeued once it has stopped");
			assertThat(audit.recordedVerdicts(closed.id())).extracting(RecordedVerdict::verdict)
				.containsExactly(RowVerdict.REFUSED);
		}
		finally {
			jdbc.update("UPDATE batch_history SET status = 'COMPLETED_WITH_REJECTIONS', lease_owner = NULL,"
					+ " lease_expires_at = NULL WHERE id = ?", closed.id());
		}
	}

	@Test
	void requeueingTheRefusedRowsOfAnUnknownBatchSaysThereIsNone() {
		assertThatThrownBy(() -> sender.requeueRefused(Integer.MAX_VALUE)).isInstanceOf(NoSuchElementException.class)
			.hasMessage("No batch " + Integer.MAX_VALUE);
	}

	@Test
	void aFailedCliRunFailsTheBatchAndItsNextAttemptSendsTheSameRows() throws IOException {
		List<Execution> stored = store(3);
		CliStandIns.mode(FILES, CliStandIns.FAIL);

		Batch failed = sender.sendNow();

		assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
		assertThat(failed.cliExitCode()).isEqualTo(3);
		assertThat(failed.message()).contains("exited with 3", "simulated failure");
		assertThat(failed.nextAttemptAt()).isAfter(failed.finishedAt());
		List<String> sentFirst = sourceIds(Files.readAllLines(FILES.resolve(failed.fileName())));

		List<Execution> arrivedMeanwhile = store(2);
		CliStandIns.mode(FILES, CliStandIns.OK);
		Batch retried = sender.retry(failed.id());

		assertThat(retried.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(retried.attempts()).isEqualTo(2);
		assertThat(retried.fileName()).isEqualTo(BatchFiles.fileName(failed.id(), 2));
		assertThat(retried.claimedCount()).isEqualTo(failed.claimedCount());
		assertThat(sourceIds(Files.readAllLines(FILES.resolve(retried.fileName())))).isEqualTo(sentFirst);
		assertThat(sentFirst).containsAll(stored.stream().map(e -> "AC" + e.id()).toList())
			.doesNotContainAnyElementsOf(arrivedMeanwhile.stream().map(e -> "AC" + e.id()).toList());
		assertThatThrownBy(() -> sender.retry(retried.id())).isInstanceOf(RetryNotPossibleException.class);

		Batch next = sender.sendNow();
		assertThat(sourceIds(Files.readAllLines(FILES.resolve(next.fileName()))))
			.containsAll(arrivedMeanwhile.stream().map(e -> "AC" + e.id()).toList());
	}

	@Test
	void aCliThatDeliveredAndThenDiedIsCompletedByTheNextAttemptWithRowsDeliveredEarlier() {
		store(2);
		CliStandIns.modes(FILES, CliStandIns.DIE_AFTER_DELIVERY, CliStandIns.OK);
		Batch died = sender.sendNow();
		assertThat(died.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(died.failureReason()).isEqualTo(FailureReason.CLI_FAILED);

		Batch again = sender.retry(died.id());

		assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.acceptedCount()).isEqualTo(died.claimedCount());
		assertThat(again.deliveredEarlierCount()).isEqualTo(died.claimedCount());
		assertThat(audit.recordedVerdicts(again.id())).allMatch(r -> r.verdict() == RowVerdict.DELIVERED_EARLIER);
	}

	@Test
	void rowsThatNeverReachedPortfolioAccountingAreSentByTheNextDueAttempt() {
		store(2);
		CliStandIns.mode(FILES, CliStandIns.UNREACHABLE);

		Batch failed = sender.sendNow();

		assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.failureReason()).isEqualTo(FailureReason.NOT_DELIVERED);
		assertThat(failed.undeliveredCount()).isEqualTo(failed.claimedCount());
		assertThat(failed.acceptedCount()).isZero();
		assertThat(audit.recordedVerdicts(failed.id())).allSatisfy(r -> {
			assertThat(r.verdict()).isEqualTo(RowVerdict.NOT_DELIVERED);
			assertThat(r.errorMessage()).contains("connection refused");
		});
		assertThat(sender.recoverDue()).as("not due before its backoff")
			.extracting(Batch::id)
			.doesNotContain(failed.id());

		CliStandIns.mode(FILES, CliStandIns.OK);
		jdbc.update("UPDATE batch_history SET next_attempt_at = now() WHERE id = ?", failed.id());
		Batch recovered = sender.recoverDue().stream().filter(b -> b.id() == failed.id()).findFirst().orElseThrow();

		assertThat(recovered.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(recovered.acceptedCount()).isEqualTo(failed.claimedCount());
		assertThat(recovered.undeliveredCount()).isZero();
		assertThat(audit.recordedVerdicts(failed.id())).isEmpty();
	}

	@Test
	void aCliWhoseSummaryTheErrorsFileDoesNotMatchGivesNoVerdictAndItsRowsGoAgain() {
		store(2);
		CliStandIns.modes(FILES, CliStandIns.UNREACHABLE_WITHOUT_ERRORS_FILE, CliStandIns.OK);

		Batch failed = sender.sendNow();

		assertThat(failed.status()).as("no errors file must not read as every row delivered")
			.isEqualTo(BatchStatus.FAILED);
		assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
		assertThat(failed.message()).contains("error records but its errors file has 0");
		assertThat(failed.verdictRecorded()).isFalse();

		Batch again = sender.retry(failed.id());

		assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.acceptedCount()).isEqualTo(failed.claimedCount());
		assertThat(again.deliveredEarlierCount()).as("nothing had reached Portfolio Accounting").isZero();
	}

	@Test
	void ofTwoRetriesAtOnceOneRunsAndTheOtherIsRefused() {
		store(1);
		CliStandIns.mode(FILES, CliStandIns.FAIL);
		Batch failed = sender.sendNow();
		CliStandIns.mode(FILES, CliStandIns.OK);
		CyclicBarrier together = new CyclicBarrier(2);

		List<Object> outcomes = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
			await(together);
			try {
				return (Object) sender.retry(failed.id()).status();
			}
			catch (RetryNotPossibleException e) {
				return "refused";
			}
		})).toList().stream().map(CompletableFuture::join).toList();

		assertThat(outcomes).containsExactlyInAnyOrder(BatchStatus.COMPLETED, "refused");
	}

	@Test
	void theSendNeedsNoConnectionOfTheMainPoolSoItCanNeverStarveIngest() throws Exception {
		store(3);
		HikariDataSource main = mainDataSource.unwrap(HikariDataSource.class);
		List<Connection> taken = new ArrayList<>();
		try {
			while (taken.size() < main.getMaximumPoolSize()) {
				taken.add(main.getConnection());
			}

			assertThat(sender.sendNow().status()).isEqualTo(BatchStatus.COMPLETED);
		}
		finally {
			for (Connection c : taken) {
				c.close();
			}
		}
	}

	@Test
	void aClaimByAProcessThatNoLongerHoldsTheLeaseChangesNothing() {
		store(2);
		Batch opened = sender.open();

		assertThatThrownBy(() -> claims.claim(new Attempt(opened.id(), 1, "another-process"), 10))
			.isInstanceOf(LeaseLostException.class);
		assertThat(batches.find(opened.id()).orElseThrow().status()).isEqualTo(BatchStatus.OPEN);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id = ?", Integer.class, opened.id()))
			.isZero();

		assertThat(sender.run(opened).status()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void aLeaseRenewalNeverWaitsForTheBatchRow() throws Exception {
		Batch opened = sender.open();
		try (Connection holder = mainDataSource.getConnection(); Statement lock = holder.createStatement()) {
			holder.setAutoCommit(false);
			lock.execute("SELECT * FROM batch_history WHERE id = " + opened.id() + " FOR UPDATE");

			assertThat(CompletableFuture
				.supplyAsync(() -> batches.renewLease(opened.latestAttempt(), Duration.ofMinutes(1))))
				.as("skipped, not blocked, while the row is locked")
				.succeedsWithin(Duration.ofSeconds(10))
				.isEqualTo(false);
			holder.rollback();
		}
		assertThat(batches.renewLease(opened.latestAttempt(), Duration.ofMinutes(1))).isTrue();
		sender.run(opened);
	}

	@Test
	void everyPoolBoundsItsWaitsAndNamesItself() throws Exception {
		Map<DataSource, String> pools = Map.of(mainDataSource, "", sendDataSource, "/send", leaseDataSource, "/lease");
		for (Map.Entry<DataSource, String> pool : pools.entrySet()) {
			try (Connection c = pool.getKey().getConnection();
					Statement s = c.createStatement();
					var rs = s.executeQuery("SELECT current_setting('lock_timeout'),"
							+ " current_setting('idle_in_transaction_session_timeout'),"
							+ " current_setting('statement_timeout'), current_setting('application_name')")) {
				rs.next();
				assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3))).as(rs.getString(4))
					.containsExactly("15s", "10s", "30s");
				assertThat(rs.getString(4)).endsWith(pool.getValue()).doesNotEndWith("/" + pool.getValue());
				assertThat(c.getNetworkTimeout()).isEqualTo(45_000);
			}
		}
	}

	@Test
	void aBatchWhoseProcessDiedIsTakenOverOnceItsLeaseExpiresAndItsDeadRunAbandoned() {
		List<Execution> stored = store(2);
		Batch opened = sender.open();
		claims.claim(opened.latestAttempt(), 1);
		JobParameters parameters = SendJobParameters.of(opened.latestAttempt());
		JobInstance instance = jobRepository.createJobInstance(SendJobConfiguration.JOB_NAME, parameters);
		JobExecution running = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		running.setStatus(org.springframework.batch.core.BatchStatus.STARTED);
		jobRepository.update(running);
		batches.recordJobExecution(opened.latestAttempt(), running.getId());
		assertThatThrownBy(() -> sender.retry(opened.id())).as("its lease is alive")
			.isInstanceOf(RetryNotPossibleException.class);
		assertThat(sender.recoverDue()).extracting(Batch::id).doesNotContain(opened.id());
		jdbc.update("UPDATE batch_history SET lease_expires_at = now() - interval '1 second' WHERE id = ?",
				opened.id());

		Batch completed = sender.recoverDue().stream().filter(b -> b.id() == opened.id()).findFirst().orElseThrow();

		assertThat(completed.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(completed.attempts()).isEqualTo(2);
		assertThat(jobRepository.getJobExecution(running.getId()).getStatus())
			.isEqualTo(org.springframework.batch.core.BatchStatus.ABANDONED);
		assertThat(audit.history(opened.id())).extracting(c -> c.message()).anyMatch(m -> m.contains("lease expired"));
		assertThat(jdbc.queryForList("SELECT batch_id FROM execution WHERE id IN (?, ?)", Integer.class,
				stored.get(0).id(), stored.get(1).id()))
			.containsOnly(opened.id());
	}

	@Test
	void nothingToSendSaysWhichUnfinishedBatchHoldsRows() {
		store(1);
		CliStandIns.mode(FILES, CliStandIns.FAIL);
		Batch failed = sender.sendNow();
		CliStandIns.mode(FILES, CliStandIns.OK);

		Batch nothing = sender.sendNow();

		assertThat(nothing.status()).isEqualTo(BatchStatus.NOTHING_TO_SEND);
		assertThat(nothing.message()).contains("batch " + failed.id() + " (FAILED since", "next attempt at");
		sender.retry(failed.id());
	}

	@Test
	void aSendWhoseTransactionBeganBeforeAnotherThatCommittedFirstIsRefusedAndTheChainGoesOn() throws Exception {
		try (Connection late = TestDatabase.shared().dataSource().getConnection();
				Statement statement = late.createStatement()) {
			late.setAutoCommit(false);
			statement.execute("SELECT now()"); // fixes this transaction's
												// CURRENT_TIMESTAMP, the start its batch
												// would get
			Batch earlier = sender.open(); // begins later, commits first
			batches.recordNothingToSend(earlier.latestAttempt(), "test");

			assertThatThrownBy(() -> statement.execute("INSERT INTO batch_history (previous_start_time, status)"
					+ " VALUES ((SELECT max(start_time) FROM batch_history), 'OPEN')"))
				.hasMessageContaining("batch_history_window_moves_forward");
			late.rollback();
		}

		Batch next = sender.sendNow();

		assertThat(next.status()).isIn(BatchStatus.COMPLETED, BatchStatus.NOTHING_TO_SEND);
	}

	@Test
	void anInsertThatCommitsAfterABatchLookedGoesOutInTheNextBatch() throws Exception {
		int esid = Executions.uniqueId();
		try (Connection slow = TestDatabase.shared().dataSource().getConnection()) {
			slow.setAutoCommit(false);
			try (PreparedStatement insert = slow.prepareStatement(Executions.INSERT_SQL)) {
				insert.setInt(1, esid);
				insert.setString(2, "BUY");
				insert.setString(3, "684f125ac19ad4fb89bc14ba");
				insert.setBigDecimal(4, BigDecimal.TEN);
				insert.executeUpdate(); // ready_to_send_timestamp = this transaction's
										// start, before the batch's
			}
			Batch during = sender.sendNow();
			assertThat(during.status()).isIn(BatchStatus.COMPLETED, BatchStatus.NOTHING_TO_SEND);
			slow.commit();
		}
		int id = jdbc.queryForObject("SELECT id FROM execution WHERE execution_service_id = ?", Integer.class, esid);

		Batch after = sender.sendNow();

		assertThat(after.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sourceIds(Files.readAllLines(FILES.resolve(after.fileName())))).contains("AC" + id);
		assertThat(jdbc.queryForObject("SELECT batch_id FROM execution WHERE id = ?", Integer.class, id))
			.isEqualTo(after.id());
	}

	@Test
	void concurrentSendsAndIngestPutEveryExecutionInExactlyOneFile() throws IOException {
		List<Integer> allIds = new ArrayList<>();
		CyclicBarrier together = new CyclicBarrier(6);
		List<CompletableFuture<List<Batch>>> senders = IntStream.range(0, 3)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> {
				await(together);
				List<Batch> sent = new ArrayList<>();
				for (int round = 0; round < 4; round++) {
					try {
						sent.add(sender.sendNow());
					}
					catch (SendInProgressException e) {
						// another sender holds the window: the 409 of the API
					}
				}
				return sent;
			}))
			.toList();
		List<CompletableFuture<List<Integer>>> writers = IntStream.range(0, 3)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> {
				await(together);
				return Stream.generate(() -> store(5)).limit(8).flatMap(List::stream).map(Execution::id).toList();
			}))
			.toList();
		writers.forEach(w -> allIds.addAll(w.join()));
		List<Batch> sent = senders.stream().flatMap(s -> s.join().stream()).collect(Collectors.toList());
		sent.add(sender.sendNow()); // whatever arrived after the last concurrent send

		assertThat(sent)
			.allMatch(b -> b.status() == BatchStatus.COMPLETED || b.status() == BatchStatus.NOTHING_TO_SEND);
		Map<String, Long> timesSent = new java.util.HashMap<>();
		for (Batch b : sent) {
			if (b.fileName() != null) {
				sourceIds(Files.readAllLines(FILES.resolve(b.fileName())))
					.forEach(s -> timesSent.merge(s, 1L, Long::sum));
			}
		}
		assertThat(allIds).allSatisfy(id -> assertThat(timesSent.get("AC" + id)).as("AC" + id).isEqualTo(1L));
	}

	private int insertDirectly(String portfolioId) {
		return Executions.insertDirectly(jdbc, "BUY", portfolioId, BigDecimal.TEN);
	}

	private List<Execution> store(int count) {
		return executions.insertNew(
				IntStream.range(0, count).mapToObj(i -> Executions.newExecution(Executions.uniqueId())).toList());
	}

	private static List<String> sourceIds(List<String> lines) {
		return lines.stream().skip(1).map(l -> l.split(",")[2]).toList();
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
