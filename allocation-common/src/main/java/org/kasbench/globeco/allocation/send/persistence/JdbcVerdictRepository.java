package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.ErrorsFileLines;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.VerdictRepository;
import org.kasbench.globeco.allocation.send.domain.VerdictTally;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.LATER;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.OWNED;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.CLOSED;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.parameters;

@Repository
class JdbcVerdictRepository implements VerdictRepository {

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final BatchHistoryTable table;

	private final VerdictStaging staging;

	JdbcVerdictRepository(@BatchDataSource DataSource sendDataSource,
			@BatchTransactionManager PlatformTransactionManager sendTransactionManager) {
		this.jdbc = new NamedParameterJdbcTemplate(sendDataSource);
		this.transaction = new TransactionTemplate(sendTransactionManager);
		this.table = new BatchHistoryTable(jdbc);
		this.staging = new VerdictStaging(jdbc.getJdbcTemplate());
	}

	@Override
	public Batch recordVerdict(Attempt attempt, Path attemptFile, ErrorsFileLines errorsFile, Duration retryIn) {
		return transaction.execute(tx -> {
			// Before the batch's row is locked: staging reads whole files.
			staging.stage(attemptFile, errorsFile);
			MapSqlParameterSource params = parameters(attempt);
			List<Map<String, Object>> found = jdbc.queryForList("SELECT processed_count, verdict_recorded"
					+ " FROM batch_history WHERE id = :id" + OWNED + " AND status NOT IN " + CLOSED + " FOR UPDATE",
					params);
			if (found.isEmpty()) {
				throw new LeaseLostException(attempt.batchId());
			}
			Integer claimed = (Integer) found.getFirst().get("processed_count");
			// The rows of this attempt's file (the NOT_DELIVERED ones once a verdict
			// exists, else all) start afresh: those the errors file does not name got
			// through.
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
			Map<RowVerdict, Integer> stored = new EnumMap<>(RowVerdict.class);
			jdbc.query("SELECT verdict, count(*) AS n FROM send_row_verdict WHERE batch_id = :id GROUP BY verdict",
					params, rs -> {
						stored.put(RowVerdict.valueOf(rs.getString("verdict")), rs.getInt("n"));
					});
			VerdictTally tally = VerdictTally.of(claimed == null ? 0 : claimed, stored);
			String message = tally.message(tally.sendsAgain() ? firstNotDelivered() : null);
			jdbc.update("UPDATE batch_history SET status = :status, accepted_count = :accepted,"
					+ " delivered_earlier_count = :earlier, rejected_count = :refused, pending_count = :pending,"
					+ " verdict_recorded = true, message = :message, failure_reason = :reason,"
					+ " finished_at = clock_timestamp(), lease_owner = NULL, lease_expires_at = NULL,"
					+ " next_attempt_at = CASE WHEN :sendsAgain THEN " + LATER.formatted("retryIn") + " END,"
					+ " updated_at = clock_timestamp(), version = version + 1 WHERE id = :id",
					params.addValue("status", tally.status().name())
						.addValue("accepted", tally.accepted())
						.addValue("earlier", tally.deliveredEarlier())
						.addValue("refused", tally.refused())
						.addValue("pending", tally.notDelivered())
						.addValue("message", message)
						.addValue("reason", tally.failureReason() == null ? null : tally.failureReason().name())
						.addValue("sendsAgain", tally.sendsAgain())
						.addValue("retryIn", retryIn.toMillis()));
			table.addHistory(attempt.batchId(), tally.status(), message);
			return table.find(attempt.batchId()).orElseThrow();
		});
	}

	/** The CLI's words for the first line of this attempt that was not delivered. */
	private String firstNotDelivered() {
		return jdbc.getJdbcTemplate()
			.queryForList("SELECT error_message FROM " + VerdictStaging.LINES
					+ " WHERE verdict = 'NOT_DELIVERED' ORDER BY line LIMIT 1", String.class)
			.stream()
			.findFirst()
			.orElse(null);
	}

}
