package org.kasbench.globeco.allocation.send.persistence;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.send.domain.DeliveryCounts;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery objective's batch figures follow the batches' own rules: each batch not
 * closed holds its rows claimed until a verdict is recorded, then the rows that verdict
 * left undelivered; a FAILED batch needs attention from the configured attempt on. A
 * database of its own, so that the figures are exact.
 */
class JdbcDeliveryCountsQueryTest {

	@Test
	void batchesNotClosedHoldTheirUndeliveredRowsAndFailedOnesNeedAttentionFromTheLimitOn() {
		DataSource db = TestDatabase.create().dataSource();
		Flyway.configure().dataSource(db).load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(db);
		batch(jdbc, 1, "OPEN", null, null, false, 1);
		batch(jdbc, 2, "CLI_RUNNING", 10, null, false, 1);
		batch(jdbc, 3, "FAILED", 10, 3, true, 3);
		batch(jdbc, 4, "FAILED", 5, null, false, 2);
		batch(jdbc, 5, "COMPLETED_WITH_REJECTIONS", 7, 0, true, 4);

		JdbcDeliveryCountsQuery query = new JdbcDeliveryCountsQuery(db, new DataSourceTransactionManager(db));

		DeliveryCounts counts = query.deliveryCounts(3);

		assertThat(counts.inUnclosedBatches()).as("nothing claimed yet, 10 claimed, 3 left by a verdict, 5 claimed")
			.isEqualTo(18);
		assertThat(counts.batchesNeedingAttention()).as("the FAILED batch of three attempts").isEqualTo(1);
		assertThat(query.deliveryCounts(2).batchesNeedingAttention()).isEqualTo(2);
	}

	private static void batch(JdbcTemplate jdbc, int day, String status, Integer claimed, Integer undelivered,
			boolean verdictRecorded, int attempts) {
		jdbc.update("""
				INSERT INTO batch_history (start_time, previous_start_time, status, processed_count, pending_count,
				                           verdict_recorded, attempts)
				VALUES (timestamptz '2030-01-01 00:00Z' + ? * interval '1 day',
				        timestamptz '2030-01-01 00:00Z' + ? * interval '1 day' - interval '1 hour', ?, ?, ?, ?, ?)""",
				day, day, status, claimed, undelivered, verdictRecorded, attempts);
	}

}
