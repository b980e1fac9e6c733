package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.domain.ClaimRepository;
import org.kasbench.globeco.allocation.send.domain.LeaseLostException;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.OWNED;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.parameters;

@Repository
class JdbcClaimRepository implements ClaimRepository {

	/** The advisory lock key that serialises claims ("ALLOCATE" in ASCII). */
	private static final long CLAIM_LOCK = 0x414C4C4F43415445L;

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final BatchHistoryTable table;

	JdbcClaimRepository(@BatchDataSource DataSource sendDataSource,
			@BatchTransactionManager PlatformTransactionManager sendTransactionManager) {
		this.jdbc = new NamedParameterJdbcTemplate(sendDataSource);
		this.transaction = new TransactionTemplate(sendTransactionManager);
		this.table = new BatchHistoryTable(jdbc);
	}

	@Override
	public int claim(Attempt attempt, int rowsPerStatement) {
		int batchId = attempt.batchId();
		return transaction.execute(status -> {
			MapSqlParameterSource params = parameters(attempt).addValue("rows", rowsPerStatement);
			// One claim at a time: two claims locking overlapping rows in different plan
			// orders could deadlock. A claimer that vanishes holding the lock loses it
			// when the server ends its idle transaction
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
			// claim of a large backlog outlasts allocation.db.statement-timeout.
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
			table.addHistory(batchId, BatchStatus.CLAIMED, claimed + " executions claimed");
			return claimed;
		});
	}

}
