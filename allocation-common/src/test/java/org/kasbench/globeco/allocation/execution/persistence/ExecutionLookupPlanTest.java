package org.kasbench.globeco.allocation.execution.persistence;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest's look-up of one execution service id never scans the table, whatever plan
 * the connection has cached. Each pooled connection prepares the statement once and
 * PostgreSQL may keep a generic plan made when the table was small; the test forces that
 * plan on a fresh, empty table, where a plan for {@code = ANY($1)} is a sequential scan.
 */
class ExecutionLookupPlanTest {

	@Test
	void oneIdIsLookedUpThroughTheUniqueIndex() {
		TestDatabase db = TestDatabase.create();
		Flyway.configure().dataSource(db.dataSource()).load().migrate();
		SingleConnectionDataSource connection = new SingleConnectionDataSource(db.url(), db.user(), db.password(),
				true);
		try {
			JdbcTemplate sql = new JdbcTemplate(connection);
			sql.execute("SET plan_cache_mode = force_generic_plan");
			JdbcExecutionRepository executions = new JdbcExecutionRepository(
					new NamedParameterJdbcTemplate(connection));

			new TransactionTemplate(new DataSourceTransactionManager(connection)).executeWithoutResult(tx -> {
				for (int id = 1; id <= 10; id++) {
					assertThat(executions.findByExecutionServiceIds(List.of(id))).isEmpty();
				}
				assertThat(sql.queryForObject(
						"SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'execution'", Long.class))
					.as("sequential scans of execution by the look-ups")
					.isZero();
			});
		}
		finally {
			connection.destroy();
		}
	}

}
