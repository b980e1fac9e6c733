package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.DeliveryCounts;
import org.kasbench.globeco.allocation.send.domain.DeliveryCountsQuery;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.BATCH;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.CLOSED;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.COLUMNS;

@Repository
class JdbcDeliveryCountsQuery implements DeliveryCountsQuery {

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate snapshot;

	JdbcDeliveryCountsQuery(@BatchDataSource DataSource sendDataSource,
			@BatchTransactionManager PlatformTransactionManager sendTransactionManager) {
		this.jdbc = new NamedParameterJdbcTemplate(sendDataSource);
		this.snapshot = new TransactionTemplate(sendTransactionManager);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/**
	 * Row counts and the oldest age in SQL; what is undelivered in each batch not closed,
	 * and which batches need attention, by {@link Batch}'s own rules over those batches
	 * (few: a batch closes once every row has its final verdict). Both statements read
	 * one snapshot, so that a batch closing meanwhile is counted once.
	 */
	@Override
	public DeliveryCounts deliveryCounts(int attentionAfterAttempts) {
		return snapshot.execute(tx -> read(attentionAfterAttempts));
	}

	private DeliveryCounts read(int attentionAfterAttempts) {
		List<Batch> unclosed = jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status NOT IN " + CLOSED,
				BATCH);
		long inUnclosed = unclosed.stream().mapToLong(Batch::undeliveredSoFar).sum();
		long attention = unclosed.stream().filter(b -> b.needsAttention(attentionAfterAttempts)).count();
		return jdbc.getJdbcTemplate()
			.queryForObject(
					"""
							SELECT (SELECT count(*) FROM execution WHERE batch_id IS NULL) AS unsent,
							       (SELECT coalesce(sum(accepted_count), 0) FROM batch_history WHERE status <> 'SEED') AS delivered,
							       (SELECT count(*) FROM send_row_verdict WHERE verdict = 'REFUSED') AS refused,
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
					(rs, n) -> new DeliveryCounts(rs.getLong("unsent"), inUnclosed, rs.getLong("delivered"),
							rs.getLong("refused"), oldestAge(rs.getObject("oldest_age_millis", Long.class)),
							attention));
	}

	private static Duration oldestAge(Long millis) {
		return millis == null ? null : Duration.ofMillis(Math.max(0, millis));
	}

}
