package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code batch_history} table as the repositories share it: its columns under the
 * names {@link Batch} gives them, the fencing of an attempt's writes by its lease, and
 * the status history every change adds to.
 */
final class BatchHistoryTable {

	/**
	 * Every column, as {@link Batch} names it: the contract's {@code processed_count} and
	 * {@code rejected_count} are the rows claimed and refused, {@code pending_count} the
	 * rows undelivered.
	 */
	static final String COLUMNS = """
			id, start_time, previous_start_time, status, execution_mode, file_name, processed_count AS claimed_count,
			accepted_count, delivered_earlier_count, rejected_count AS refused_count,
			pending_count AS undelivered_count, job_name,
			job_execution_id, cli_exit_code, failure_reason, message, cli_started_at, cli_finished_at, finished_at,
			updated_at, attempts, next_attempt_at, lease_owner, lease_expires_at, verdict_recorded, version""";

	static final RowMapper<Batch> BATCH = new DataClassRowMapper<>(Batch.class);

	/** A run's lease, or a retry's wait, as an interval from the database's clock. */
	static final String LATER = "clock_timestamp() + :%s * interval '1 millisecond'";

	/** What an attempt may change: the batch is still its own. */
	static final String OWNED = " AND lease_owner IS NOT DISTINCT FROM CAST(:owner AS varchar)";

	private final NamedParameterJdbcTemplate jdbc;

	BatchHistoryTable(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The attempt's batch and lease owner as {@code :id} and {@code :owner}. */
	static MapSqlParameterSource parameters(Attempt attempt) {
		return new MapSqlParameterSource("id", attempt.batchId()).addValue("owner", attempt.leaseOwner());
	}

	/**
	 * The closed statuses ({@link BatchStatus#isClosed()}) as the list of
	 * {@code status NOT IN ...}: literals, not a parameter, so that the planner can use
	 * the partial index on batches not closed.
	 */
	static final String CLOSED = literals(BatchStatus.closed());

	/** The statuses of a batch under a run ({@link BatchStatus#isRunning()}). */
	static final String RUNNING = literals(BatchStatus.running());

	private static String literals(Set<BatchStatus> statuses) {
		return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
	}

	Optional<Batch> find(int batchId) {
		return jdbc
			.query("SELECT " + COLUMNS + " FROM batch_history WHERE id = :id", new MapSqlParameterSource("id", batchId),
					BATCH)
			.stream()
			.findFirst();
	}

	/**
	 * Changes the attempt's batch while it still holds the lease.
	 * @throws LeaseLostException when it no longer does (or {@code condition} fails)
	 */
	void updateOwned(Attempt attempt, String assignments, MapSqlParameterSource params, String condition) {
		int changed = jdbc.update(
				"UPDATE batch_history SET " + assignments + ", updated_at = clock_timestamp(), version = version + 1"
						+ " WHERE id = :id" + OWNED + condition,
				params.addValue("id", attempt.batchId()).addValue("owner", attempt.leaseOwner()));
		if (changed == 0) {
			throw new LeaseLostException(attempt.batchId());
		}
	}

	void addHistory(int batchId, BatchStatus status, String message) {
		jdbc.update("INSERT INTO batch_status_history (batch_id, status, message) VALUES (:id, :status, :message)",
				new MapSqlParameterSource("id", batchId).addValue("status", status.name())
					.addValue("message", message));
	}

}
