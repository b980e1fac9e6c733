package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.DeliveryCounts;
import org.kasbench.globeco.allocation.send.domain.ErrorsFileLines;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.kasbench.globeco.allocation.send.domain.RowOutcome;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.kasbench.globeco.allocation.send.domain.StatusChange;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.kasbench.globeco.allocation.database.DatabaseConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
class JdbcBatchRepository implements BatchRepository {

	private static final String COLUMNS = """
			id, start_time, previous_start_time, status, execution_mode, file_name, processed_count, accepted_count,
			delivered_earlier_count, rejected_count, pending_count, job_name, job_execution_id, cli_exit_code,
			failure_reason, message, cli_started_at, cli_finished_at, finished_at, updated_at, attempts, next_attempt_at,
			lease_owner, lease_expires_at, verdict_recorded, version""";

	private static final RowMapper<Batch> ROW_MAPPER = JdbcBatchRepository::mapRow;

	/** The advisory lock key that serialises claims ("ALLOCATE" in ASCII). */
	private static final long CLAIM_LOCK = 0x414C4C4F43415445L;

	private static final String CLOSED = "('COMPLETED', 'COMPLETED_WITH_REJECTIONS', 'NOTHING_TO_SEND', 'SEED')";

	/** A run's lease, or a retry's wait, as an interval from the database's clock. */
	private static final String LATER = "clock_timestamp() + :%s * interval '1 millisecond'";

	/** What a run may change: the batch is still its own. */
	private static final String OWNED = " AND lease_owner IS NOT DISTINCT FROM CAST(:owner AS varchar)";

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final NamedParameterJdbcTemplate leaseJdbc;

	private final VerdictStaging staging;

	JdbcBatchRepository(@BatchDataSource DataSource sendDataSource,
			@BatchTransactionManager PlatformTransactionManager sendTransactionManager,
			@Qualifier(DatabaseConfiguration.LEASE_DATA_SOURCE) DataSource leaseDataSource) {
		this.jdbc = new NamedParameterJdbcTemplate(sendDataSource);
		this.transaction = new TransactionTemplate(sendTransactionManager);
		this.leaseJdbc = new NamedParameterJdbcTemplate(leaseDataSource);
		this.staging = new VerdictStaging(jdbc.getJdbcTemplate());
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
						ROW_MAPPER);
				addHistory(batch.id(), BatchStatus.OPEN, "Window opened after " + previous);
				return batch;
			});
		}
		catch (DataIntegrityViolationException e) {
			// The unique previous_start_time (another send chained to the same window
			// first), or the check that the
			// window moves forward (another send that began later committed first):
			// either way, a concurrent send.
			throw new SendInProgressException();
		}
	}

	@Override
	public int claim(int batchId, String owner, int rowsPerStatement) {
		return transaction.execute(status -> {
			MapSqlParameterSource params = new MapSqlParameterSource("id", batchId).addValue("owner", owner)
				.addValue("rows", rowsPerStatement);
			// One claim at a time: two claims locking overlapping rows in different plan
			// orders could deadlock. A claimer that vanishes holding the lock loses it
			// when
			// the server ends its idle transaction
			// (allocation.db.idle-in-transaction-timeout).
			jdbc.getJdbcTemplate().query("SELECT pg_advisory_xact_lock(" + CLAIM_LOCK + ")", rs -> null);
			List<Map<String, Object>> batch = jdbc.queryForList(
					"SELECT processed_count, start_time FROM batch_history WHERE id = :id" + OWNED + " FOR UPDATE",
					params);
			if (batch.isEmpty()) {
				throw new LeaseLostException(batchId);
			}
			if (batch.getFirst().get("processed_count") != null) {
				return (Integer) batch.getFirst().get("processed_count"); // never claim
																			// twice
			}
			// The start time as a value, not a subquery, so the planner can weigh a big
			// claim against a small one. A slice at a time, so that no statement of a
			// claim
			// of a large backlog outlasts allocation.db.statement-timeout.
			params.addValue("start", batch.getFirst().get("start_time"));
			int claimed = 0;
			for (int slice = rowsPerStatement; slice == rowsPerStatement;) {
				slice = jdbc.update(
						"""
								UPDATE execution SET batch_id = :id
								WHERE batch_id IS NULL AND id IN (SELECT id FROM execution WHERE batch_id IS NULL AND ready_to_send_timestamp < :start
								             ORDER BY ready_to_send_timestamp, id LIMIT :rows)""",
						params);
				claimed += slice;
			}
			jdbc.update(
					"UPDATE batch_history SET processed_count = :n, pending_count = :n, status = 'CLAIMED',"
							+ " updated_at = clock_timestamp(), version = version + 1 WHERE id = :id",
					params.addValue("n", claimed));
			addHistory(batchId, BatchStatus.CLAIMED, claimed + " executions claimed");
			return claimed;
		});
	}

	@Override
	public Optional<Batch> find(int batchId) {
		return jdbc
			.query("SELECT " + COLUMNS + " FROM batch_history WHERE id = :id", new MapSqlParameterSource("id", batchId),
					ROW_MAPPER)
			.stream()
			.findFirst();
	}

	@Override
	public Page<Batch> list(int limit, int offset) {
		MapSqlParameterSource params = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
		List<Batch> items = jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status <> 'SEED'"
				+ " ORDER BY id DESC LIMIT :limit OFFSET :offset", params, ROW_MAPPER);
		Long total = jdbc.getJdbcTemplate()
			.queryForObject("SELECT count(*) FROM batch_history WHERE status <> 'SEED'", Long.class);
		return new Page<>(items, total, limit, offset);
	}

	@Override
	public List<Batch> findDue() {
		return jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status NOT IN " + CLOSED + " AND ("
				+ "(status = 'FAILED' AND coalesce(next_attempt_at, '-infinity') <= clock_timestamp())"
				+ " OR (status <> 'FAILED' AND coalesce(lease_expires_at, '-infinity') < clock_timestamp())) ORDER BY id",
				ROW_MAPPER);
	}

	@Override
	public List<Batch> findUnclosedHoldingRows() {
		return jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status NOT IN " + CLOSED
				+ " AND coalesce(processed_count, 0) > 0 ORDER BY id", ROW_MAPPER);
	}

	@Override
	public boolean take(int batchId, String owner, Duration lease, Take when) {
		return Boolean.TRUE.equals(transaction.execute(tx -> {
			MapSqlParameterSource params = new MapSqlParameterSource("id", batchId).addValue("owner", owner)
				.addValue("lease", lease.toMillis());
			List<Map<String, Object>> found = jdbc.queryForList("""
					SELECT status, attempts, lease_owner, lease_expires_at < clock_timestamp() AS lease_expired,
					       coalesce(next_attempt_at, '-infinity') <= clock_timestamp() AS due
					FROM batch_history WHERE id = :id FOR UPDATE""", params);
			if (found.isEmpty()) {
				return false;
			}
			Map<String, Object> batch = found.getFirst();
			BatchStatus status = BatchStatus.valueOf((String) batch.get("status"));
			boolean handedOff = when == Take.HANDED_OFF && status == BatchStatus.STARTED
					&& batch.get("lease_owner") == null;
			boolean abandoned = when != Take.HANDED_OFF && status.isRunning()
					&& !Boolean.FALSE.equals(batch.get("lease_expired"));
			boolean failed = status == BatchStatus.FAILED
					&& (when == Take.NOW || when == Take.DUE && Boolean.TRUE.equals(batch.get("due")));
			if (!handedOff && !abandoned && !failed) {
				return false;
			}
			int attempt = (Integer) batch.get("attempts") + (handedOff ? 0 : 1);
			jdbc.update(
					"UPDATE batch_history SET status = 'RETRYING', attempts = :attempt, lease_owner = :owner,"
							+ " lease_expires_at = " + LATER.formatted("lease") + ", next_attempt_at = NULL,"
							+ " updated_at = clock_timestamp(), version = version + 1 WHERE id = :id",
					params.addValue("attempt", attempt));
			addHistory(batchId, BatchStatus.RETRYING, "Attempt " + attempt + " by " + owner
					+ (handedOff ? ": the send worker took the batch it was handed" : abandoned
							? ": taken over from " + batch.get("lease_owner") + ", whose lease expired while " + status
							: ": retrying after it failed"));
			return true;
		}));
	}

	/**
	 * On the lease's own connection, and never waiting for the row: when a statement of
	 * the run itself holds it (the verdict's), this renewal is skipped and the next one
	 * renews.
	 */
	@Override
	public boolean renewLease(int batchId, String owner, Duration lease) {
		return leaseJdbc.update("UPDATE batch_history SET lease_expires_at = " + LATER.formatted("lease")
				+ " WHERE id = (SELECT id FROM batch_history WHERE id = :id AND lease_owner = :owner AND status NOT IN "
				+ CLOSED + " AND status <> 'FAILED' FOR UPDATE SKIP LOCKED)",
				new MapSqlParameterSource("id", batchId).addValue("owner", owner)
					.addValue("lease", lease.toMillis())) > 0;
	}

	@Override
	public void handOff(int batchId, String owner, String message, Duration grace) {
		transaction.executeWithoutResult(tx -> {
			updateOwned(batchId, owner,
					"status = 'STARTED', lease_owner = NULL, lease_expires_at = " + LATER.formatted("grace"),
					new MapSqlParameterSource("grace", grace.toMillis()), " AND status = 'OPEN'");
			addHistory(batchId, BatchStatus.STARTED, message);
		});
	}

	@Override
	public List<StatusChange> history(int batchId) {
		return jdbc.query(
				"SELECT status, message, recorded_at FROM batch_status_history WHERE batch_id = :id ORDER BY id",
				new MapSqlParameterSource("id", batchId),
				(rs, n) -> new StatusChange(BatchStatus.valueOf(rs.getString("status")), rs.getString("message"),
						rs.getObject("recorded_at", OffsetDateTime.class)));
	}

	@Override
	public List<RowOutcome> rowOutcomes(int batchId) {
		return jdbc.query(
				"SELECT execution_id, verdict, error_message FROM send_row_verdict WHERE batch_id = :id"
						+ " ORDER BY execution_id",
				new MapSqlParameterSource("id", batchId), (rs, n) -> new RowOutcome(rs.getInt("execution_id"),
						RowVerdict.valueOf(rs.getString("verdict")), rs.getString("error_message")));
	}

	@Override
	public void changeStatus(int batchId, String owner, BatchStatus status, String message) {
		transaction.executeWithoutResult(tx -> {
			updateOwned(batchId, owner, "status = :status", new MapSqlParameterSource("status", status.name()));
			addHistory(batchId, status, message);
		});
	}

	@Override
	public void recordFile(int batchId, String owner, String fileName, long rows) {
		transaction.executeWithoutResult(tx -> {
			updateOwned(batchId, owner, "file_name = :file, status = 'FILE_WRITTEN'",
					new MapSqlParameterSource("file", fileName));
			addHistory(batchId, BatchStatus.FILE_WRITTEN, fileName + " (" + rows + " rows)");
		});
	}

	@Override
	public void recordJobExecution(int batchId, String owner, long jobExecutionId) {
		updateOwned(batchId, owner, "job_execution_id = :je", new MapSqlParameterSource("je", jobExecutionId));
	}

	@Override
	public void recordCliStart(int batchId, String owner, String executionMode, String jobName) {
		transaction.executeWithoutResult(tx -> {
			updateOwned(batchId, owner,
					"status = 'CLI_RUNNING', execution_mode = :mode, job_name = :job, cli_exit_code = NULL,"
							+ " cli_started_at = clock_timestamp(), cli_finished_at = NULL, failure_reason = NULL",
					new MapSqlParameterSource("mode", executionMode).addValue("job", jobName));
			addHistory(batchId, BatchStatus.CLI_RUNNING,
					jobName == null ? executionMode : executionMode + " " + jobName);
		});
	}

	@Override
	public void recordCliEnd(int batchId, String owner, Integer exitCode, String jobName) {
		updateOwned(batchId, owner,
				"cli_exit_code = :code, job_name = coalesce(:job, job_name), cli_finished_at = clock_timestamp()",
				new MapSqlParameterSource("code", exitCode).addValue("job", jobName));
	}

	@Override
	public void recordNothingToSend(int batchId, String owner, String message) {
		transaction.executeWithoutResult(tx -> {
			updateOwned(batchId, owner,
					"status = 'NOTHING_TO_SEND', accepted_count = 0, delivered_earlier_count = 0,"
							+ " rejected_count = 0, pending_count = 0, verdict_recorded = true, message = :message,"
							+ " finished_at = clock_timestamp(), lease_owner = NULL, lease_expires_at = NULL",
					new MapSqlParameterSource("message", message));
			addHistory(batchId, BatchStatus.NOTHING_TO_SEND, message);
		});
	}

	@Override
	public Batch recordVerdict(int batchId, String owner, Path attemptFile, ErrorsFileLines errors, Duration retryIn) {
		return transaction.execute(tx -> {
			// Before the batch's row is locked: staging reads whole files.
			staging.stage(attemptFile, errors);
			MapSqlParameterSource params = new MapSqlParameterSource("id", batchId).addValue("owner", owner);
			List<Map<String, Object>> found = jdbc
				.queryForList("SELECT processed_count, verdict_recorded FROM batch_history" + " WHERE id = :id" + OWNED
						+ " AND status NOT IN " + CLOSED + " FOR UPDATE", params);
			if (found.isEmpty()) {
				throw new LeaseLostException(batchId);
			}
			Integer total = (Integer) found.getFirst().get("processed_count");
			// The rows of this attempt's file (the NOT_DELIVERED ones once a verdict
			// exists, else all) start afresh:
			// those the errors file does not name got through.
			jdbc.update(
					"DELETE FROM send_row_verdict WHERE batch_id = :id AND (verdict = 'NOT_DELIVERED' OR NOT :recorded)",
					params.addValue("recorded", found.getFirst().get("verdict_recorded")));
			jdbc.update("""
					INSERT INTO send_row_verdict (execution_id, batch_id, verdict, error_message)
					SELECT CAST(substring(source_id FROM 3) AS integer), :id, verdict, error_message FROM %s
					WHERE verdict IS NOT NULL
					ON CONFLICT (execution_id) DO UPDATE SET verdict = EXCLUDED.verdict,
					    error_message = EXCLUDED.error_message, recorded_at = clock_timestamp()
					WHERE send_row_verdict.batch_id = EXCLUDED.batch_id""".formatted(VerdictStaging.LINES), params);
			Map<RowVerdict, Integer> counts = new EnumMap<>(RowVerdict.class);
			jdbc.query("SELECT verdict, count(*) AS n FROM send_row_verdict WHERE batch_id = :id GROUP BY verdict",
					params, rs -> {
						counts.put(RowVerdict.valueOf(rs.getString("verdict")), rs.getInt("n"));
					});
			int rows = total == null ? 0 : total;
			int pending = counts.getOrDefault(RowVerdict.NOT_DELIVERED, 0);
			int refused = counts.getOrDefault(RowVerdict.REFUSED, 0);
			int earlier = counts.getOrDefault(RowVerdict.DELIVERED_EARLIER, 0);
			int accepted = rows - pending - refused;
			BatchStatus status = pending > 0 ? BatchStatus.FAILED
					: refused > 0 ? BatchStatus.COMPLETED_WITH_REJECTIONS : BatchStatus.COMPLETED;
			String message = "%d rows: %d accepted (%d of them delivered earlier), %d refused, %d not delivered"
				.formatted(rows, accepted, earlier, refused, pending)
					+ (pending > 0 ? "; they will be sent again" + firstReason() : "");
			jdbc.update(
					"UPDATE batch_history SET status = :status, accepted_count = :accepted, delivered_earlier_count = :earlier,"
							+ " rejected_count = :refused, pending_count = :pending, verdict_recorded = true, message = :message,"
							+ " failure_reason = :reason, finished_at = clock_timestamp(), lease_owner = NULL, lease_expires_at = NULL,"
							+ " next_attempt_at = CASE WHEN :pending > 0 THEN " + LATER.formatted("retryIn") + " END,"
							+ " updated_at = clock_timestamp(), version = version + 1 WHERE id = :id",
					params.addValue("status", status.name())
						.addValue("accepted", accepted)
						.addValue("earlier", earlier)
						.addValue("refused", refused)
						.addValue("pending", pending)
						.addValue("message", message)
						.addValue("reason", pending > 0 ? FailureReason.NOT_DELIVERED.name() : null)
						.addValue("retryIn", retryIn.toMillis()));
			addHistory(batchId, status, message);
			return find(batchId).orElseThrow();
		});
	}

	/** The CLI's words for the first line of this attempt that was not delivered. */
	private String firstReason() {
		return jdbc.getJdbcTemplate()
			.queryForList("SELECT error_message FROM " + VerdictStaging.LINES
					+ " WHERE verdict = 'NOT_DELIVERED' ORDER BY line LIMIT 1", String.class)
			.stream()
			.findFirst()
			.map(m -> " (" + abbreviate(m) + ")")
			.orElse("");
	}

	private static String abbreviate(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + "...";
	}

	@Override
	public void recordFailure(int batchId, String owner, FailureReason reason, String message, Duration retryIn) {
		transaction.executeWithoutResult(tx -> {
			int changed = jdbc.update(
					"UPDATE batch_history SET status = 'FAILED', failure_reason = :reason, message = :message,"
							+ " finished_at = clock_timestamp(), lease_owner = NULL, lease_expires_at = NULL,"
							+ " next_attempt_at = " + LATER.formatted("retryIn") + ","
							+ " updated_at = clock_timestamp(), version = version + 1"
							+ " WHERE id = :id AND status NOT IN " + CLOSED + " AND status <> 'FAILED'" + OWNED,
					new MapSqlParameterSource("id", batchId).addValue("reason", reason.name())
						.addValue("message", message)
						.addValue("owner", owner)
						.addValue("retryIn", retryIn.toMillis()));
			if (changed > 0) { // a batch that finished, failed or was taken over
								// meanwhile keeps what it has
				addHistory(batchId, BatchStatus.FAILED, message);
			}
		});
	}

	@Override
	public int requeueRefused(int batchId) {
		return transaction.execute(tx -> {
			MapSqlParameterSource params = new MapSqlParameterSource("id", batchId);
			List<String> status = jdbc.queryForList("SELECT status FROM batch_history WHERE id = :id FOR UPDATE",
					params, String.class);
			if (status.isEmpty() || BatchStatus.valueOf(status.getFirst()).isRunning()) {
				throw new IllegalStateException("Batch " + batchId + " is " + (status.isEmpty() ? "unknown" : "running")
						+ "; refused rows can be requeued once it has stopped");
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
				addHistory(batchId, BatchStatus.FAILED, message);
			}
			return requeued;
		});
	}

	@Override
	public DeliveryCounts deliveryCounts(int attentionAfterAttempts) {
		return jdbc.queryForObject(
				"""
						SELECT (SELECT count(*) FROM execution WHERE batch_id IS NULL) AS unsent,
						       (SELECT coalesce(sum(CASE WHEN verdict_recorded THEN pending_count ELSE processed_count END), 0)
						        FROM batch_history WHERE status NOT IN %1$s) AS in_unclosed,
						       (SELECT coalesce(sum(accepted_count), 0) FROM batch_history WHERE status <> 'SEED') AS delivered,
						       (SELECT count(*) FROM send_row_verdict WHERE verdict = 'REFUSED') AS refused,
						       (SELECT count(*) FROM batch_history WHERE status = 'FAILED' AND attempts >= :attention) AS attention,
						       -- the age on the clock that stamped ready_to_send_timestamp: a replica's own
						       -- clock may be skewed
						       (extract(epoch FROM clock_timestamp() - least(
						             (SELECT min(ready_to_send_timestamp) FROM execution WHERE batch_id IS NULL),
						             (SELECT min(oldest) FROM batch_history b CROSS JOIN LATERAL (
						                  SELECT CASE WHEN b.verdict_recorded
						                      THEN (SELECT min(e.ready_to_send_timestamp) FROM send_row_verdict v
						                            JOIN execution e ON e.id = v.execution_id
						                            WHERE v.batch_id = b.id AND v.verdict = 'NOT_DELIVERED')
						                      ELSE (SELECT e.ready_to_send_timestamp FROM execution e
						                            WHERE e.batch_id = b.id ORDER BY e.id LIMIT 1) END AS oldest) o
						              WHERE b.status NOT IN %1$s))) * 1000)::bigint AS oldest_age_millis"""
					.formatted(CLOSED),
				new MapSqlParameterSource("attention", attentionAfterAttempts),
				(rs, n) -> new DeliveryCounts(rs.getLong("unsent"), rs.getLong("in_unclosed"), rs.getLong("delivered"),
						rs.getLong("refused"), oldestAge(rs.getObject("oldest_age_millis", Long.class)),
						rs.getLong("attention")));
	}

	private static Duration oldestAge(Long millis) {
		return millis == null ? null : Duration.ofMillis(Math.max(0, millis));
	}

	private void updateOwned(int batchId, String owner, String assignments, MapSqlParameterSource params) {
		updateOwned(batchId, owner, assignments, params, "");
	}

	private void updateOwned(int batchId, String owner, String assignments, MapSqlParameterSource params,
			String condition) {
		int changed = jdbc.update(
				"UPDATE batch_history SET " + assignments + ", updated_at = clock_timestamp(), version = version + 1"
						+ " WHERE id = :id" + OWNED + condition,
				params.addValue("id", batchId).addValue("owner", owner));
		if (changed == 0) {
			throw new LeaseLostException(batchId);
		}
	}

	private void addHistory(int batchId, BatchStatus status, String message) {
		jdbc.update("INSERT INTO batch_status_history (batch_id, status, message) VALUES (:id, :status, :message)",
				new MapSqlParameterSource("id", batchId).addValue("status", status.name())
					.addValue("message", message));
	}

	private static Batch mapRow(ResultSet rs, int rowNum) throws SQLException {
		String reason = rs.getString("failure_reason");
		return new Batch(rs.getInt("id"), rs.getObject("start_time", OffsetDateTime.class),
				rs.getObject("previous_start_time", OffsetDateTime.class), BatchStatus.valueOf(rs.getString("status")),
				rs.getString("execution_mode"), rs.getString("file_name"), (Integer) rs.getObject("processed_count"),
				(Integer) rs.getObject("accepted_count"), (Integer) rs.getObject("delivered_earlier_count"),
				(Integer) rs.getObject("rejected_count"), (Integer) rs.getObject("pending_count"),
				rs.getString("job_name"), (Long) rs.getObject("job_execution_id"),
				(Integer) rs.getObject("cli_exit_code"), reason == null ? null : FailureReason.valueOf(reason),
				rs.getString("message"), rs.getObject("cli_started_at", OffsetDateTime.class),
				rs.getObject("cli_finished_at", OffsetDateTime.class),
				rs.getObject("finished_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
				rs.getString("lease_owner"), rs.getObject("lease_expires_at", OffsetDateTime.class),
				rs.getBoolean("verdict_recorded"), rs.getInt("version"));
	}

}
