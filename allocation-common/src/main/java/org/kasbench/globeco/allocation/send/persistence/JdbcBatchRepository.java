package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.database.DatabaseConfiguration;
import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchLease;
import org.kasbench.globeco.allocation.send.domain.BatchLease.Takeover;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.RetryNotPossibleException;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.kasbench.globeco.allocation.send.domain.Take;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.BATCH;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.COLUMNS;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.LATER;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.OWNED;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.CLOSED;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.RUNNING;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.parameters;

@Repository
class JdbcBatchRepository implements BatchRepository {

	private static final RowMapper<BatchLease> LEASE = new DataClassRowMapper<>(BatchLease.class);

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final NamedParameterJdbcTemplate leaseJdbc;

	private final BatchHistoryTable table;

	JdbcBatchRepository(@BatchDataSource DataSource sendDataSource,
			@BatchTransactionManager PlatformTransactionManager sendTransactionManager,
			@Qualifier(DatabaseConfiguration.LEASE_DATA_SOURCE) DataSource leaseDataSource) {
		this.jdbc = new NamedParameterJdbcTemplate(sendDataSource);
		this.transaction = new TransactionTemplate(sendTransactionManager);
		this.leaseJdbc = new NamedParameterJdbcTemplate(leaseDataSource);
		this.table = new BatchHistoryTable(jdbc);
	}

	@Override
	public Batch open(String executionMode, String owner, Duration lease) {
		try {
			return transaction.execute(status -> {
				OffsetDateTime previous = jdbc.getJdbcTemplate()
					.queryForObject("SELECT max(start_time) FROM batch_history", OffsetDateTime.class);
				// start_time is left to its CURRENT_TIMESTAMP default, as the
				// requirements ask.
				Batch batch = jdbc.queryForObject(
						"""
								INSERT INTO batch_history (previous_start_time, status, execution_mode, attempts,
								                           lease_owner, lease_expires_at)
								VALUES (:previous, 'OPEN', :mode, 1, :owner,\s""" + LATER.formatted("lease") + ")"
								+ " RETURNING " + COLUMNS,
						new MapSqlParameterSource("previous", previous).addValue("mode", executionMode)
							.addValue("owner", owner)
							.addValue("lease", lease.toMillis()),
						BATCH);
				table.addHistory(batch.id(), BatchStatus.OPEN, "Window opened after " + previous);
				return batch;
			});
		}
		catch (DataIntegrityViolationException e) {
			// The unique previous_start_time (another send chained to the same window
			// first), or the check that the window moves forward (another send that
			// began later committed first): either way, a concurrent send.
			throw new SendInProgressException();
		}
	}

	@Override
	public Optional<Batch> find(int batchId) {
		return table.find(batchId);
	}

	@Override
	public List<Batch> findDue() {
		return jdbc.query("SELECT " + COLUMNS + " FROM batch_history"
				+ " WHERE (status = 'FAILED' AND coalesce(next_attempt_at, '-infinity') <= clock_timestamp())"
				+ " OR (status IN " + RUNNING + " AND coalesce(lease_expires_at, '-infinity') < clock_timestamp())"
				+ " ORDER BY id", BATCH);
	}

	@Override
	public List<Batch> findUnclosedHoldingRows() {
		return jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status NOT IN " + CLOSED
				+ " AND coalesce(processed_count, 0) > 0 ORDER BY id", BATCH);
	}

	@Override
	public Optional<Attempt> take(int batchId, String taker, Duration lease, Take when) {
		return transaction.execute(tx -> {
			MapSqlParameterSource params = new MapSqlParameterSource("id", batchId);
			// Decided on the row as it is once locked, on the database's clock: of two
			// takers, the second sees what the first made of it.
			Optional<Takeover> takeover = jdbc.query("""
					SELECT id AS batch_id, status, attempts, lease_owner AS owner,
					       coalesce(lease_expires_at < clock_timestamp(), true) AS expired,
					       coalesce(next_attempt_at, '-infinity') <= clock_timestamp() AS due
					FROM batch_history WHERE id = :id FOR UPDATE""", params, LEASE)
				.stream()
				.findFirst()
				.flatMap(found -> found.takenBy(taker, when));
			takeover.ifPresent(t -> {
				jdbc.update(
						"UPDATE batch_history SET status = 'RETRYING', attempts = :attempt, lease_owner = :owner,"
								+ " lease_expires_at = " + LATER.formatted("lease") + ", next_attempt_at = NULL,"
								+ " updated_at = clock_timestamp(), version = version + 1 WHERE id = :id",
						params.addValue("attempt", t.attempt().number())
							.addValue("owner", taker)
							.addValue("lease", lease.toMillis()));
				table.addHistory(batchId, BatchStatus.RETRYING, t.message());
			});
			return takeover.map(Takeover::attempt);
		});
	}

	/**
	 * On the lease's own connection, and never waiting for the row: when a statement of
	 * the run itself holds it (the verdict's), this renewal is skipped and the next one
	 * renews.
	 */
	@Override
	public boolean renewLease(Attempt attempt, Duration lease) {
		return leaseJdbc.update(
				"UPDATE batch_history SET lease_expires_at = " + LATER.formatted("lease")
						+ " WHERE id = (SELECT id FROM batch_history WHERE id = :id AND lease_owner = :owner"
						+ " AND status IN " + RUNNING + " FOR UPDATE SKIP LOCKED)",
				parameters(attempt).addValue("lease", lease.toMillis())) > 0;
	}

	@Override
	public Attempt handOff(Attempt attempt, String message, Duration grace) {
		transaction.executeWithoutResult(tx -> {
			table.updateOwned(attempt,
					"status = 'STARTED', lease_owner = NULL, lease_expires_at = " + LATER.formatted("grace"),
					new MapSqlParameterSource("grace", grace.toMillis()), " AND status = 'OPEN'");
			table.addHistory(attempt.batchId(), BatchStatus.STARTED, message);
		});
		return new Attempt(attempt.batchId(), attempt.number(), null);
	}

	@Override
	public void recordJobExecution(Attempt attempt, long jobExecutionId) {
		table.updateOwned(attempt, "job_execution_id = :je", new MapSqlParameterSource("je", jobExecutionId), "");
	}

	@Override
	public void recordFile(Attempt attempt, String fileName, long rows) {
		transaction.executeWithoutResult(tx -> {
			table.updateOwned(attempt, "file_name = :file, status = 'FILE_WRITTEN'",
					new MapSqlParameterSource("file", fileName), "");
			table.addHistory(attempt.batchId(), BatchStatus.FILE_WRITTEN, fileName + " (" + rows + " rows)");
		});
	}

	@Override
	public void recordCliStart(Attempt attempt, String executionMode, String jobName) {
		transaction.executeWithoutResult(tx -> {
			table.updateOwned(attempt,
					"status = 'CLI_RUNNING', execution_mode = :mode, job_name = :job, cli_exit_code = NULL,"
							+ " cli_started_at = clock_timestamp(), cli_finished_at = NULL, failure_reason = NULL",
					new MapSqlParameterSource("mode", executionMode).addValue("job", jobName), "");
			table.addHistory(attempt.batchId(), BatchStatus.CLI_RUNNING,
					jobName == null ? executionMode : executionMode + " " + jobName);
		});
	}

	@Override
	public void recordCliEnd(Attempt attempt, Integer exitCode, String jobName) {
		table.updateOwned(attempt,
				"cli_exit_code = :code, job_name = coalesce(:job, job_name), cli_finished_at = clock_timestamp()",
				new MapSqlParameterSource("code", exitCode).addValue("job", jobName), "");
	}

	@Override
	public void recordNothingToSend(Attempt attempt, String message) {
		transaction.executeWithoutResult(tx -> {
			table.updateOwned(attempt,
					"status = 'NOTHING_TO_SEND', accepted_count = 0, delivered_earlier_count = 0,"
							+ " rejected_count = 0, pending_count = 0, verdict_recorded = true, message = :message,"
							+ " finished_at = clock_timestamp(), lease_owner = NULL, lease_expires_at = NULL",
					new MapSqlParameterSource("message", message), "");
			table.addHistory(attempt.batchId(), BatchStatus.NOTHING_TO_SEND, message);
		});
	}

	@Override
	public void recordFailure(Attempt attempt, FailureReason reason, String message, Duration retryIn) {
		transaction.executeWithoutResult(tx -> {
			int changed = jdbc.update(
					"UPDATE batch_history SET status = 'FAILED', failure_reason = :reason, message = :message,"
							+ " finished_at = clock_timestamp(), lease_owner = NULL, lease_expires_at = NULL,"
							+ " next_attempt_at = " + LATER.formatted("retryIn") + ","
							+ " updated_at = clock_timestamp(), version = version + 1"
							+ " WHERE id = :id AND status IN " + RUNNING + OWNED,
					parameters(attempt).addValue("reason", reason.name())
						.addValue("message", message)
						.addValue("retryIn", retryIn.toMillis()));
			if (changed > 0) { // a batch that finished, failed or was taken over
								// meanwhile keeps what it has
				table.addHistory(attempt.batchId(), BatchStatus.FAILED, message);
			}
		});
	}

	@Override
	public int requeueRefused(int batchId) {
		return transaction.execute(tx -> {
			MapSqlParameterSource params = new MapSqlParameterSource("id", batchId);
			List<String> status = jdbc.queryForList("SELECT status FROM batch_history WHERE id = :id FOR UPDATE",
					params, String.class);
			if (status.isEmpty()) {
				throw new NoSuchElementException("No batch " + batchId);
			}
			if (!BatchStatus.valueOf(status.getFirst()).mayRequeueRefused()) {
				throw new RetryNotPossibleException(
						"Batch " + batchId + " is running; refused rows can be requeued once it has stopped");
			}
			int requeued = jdbc
				.update("UPDATE send_row_verdict SET verdict = 'NOT_DELIVERED', recorded_at = clock_timestamp(),"
						+ " error_message = 'Requeued by an operator; refused before: ' || error_message"
						+ " WHERE batch_id = :id AND verdict = 'REFUSED'", params);
			if (requeued > 0) {
				String message = requeued + " refused rows requeued by an operator; the next attempt sends them again";
				jdbc.update(
						"UPDATE batch_history SET status = 'FAILED', failure_reason = 'REQUEUED', message = :message,"
								+ " rejected_count = rejected_count - :n, pending_count = pending_count + :n,"
								+ " next_attempt_at = clock_timestamp(), updated_at = clock_timestamp(), version = version + 1"
								+ " WHERE id = :id",
						params.addValue("n", requeued).addValue("message", message));
				table.addHistory(batchId, BatchStatus.FAILED, message);
			}
			return requeued;
		});
	}

}
