package org.kasbench.globeco.allocation.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas starting at once against an empty database must both come up on one
 * migrated schema.
 */
class MigrationTest {

	@Test
	void concurrentStartsMigrateOnceAndBothSucceed() {
		DataSource db = TestDatabase.create().dataSource();
		CyclicBarrier together = new CyclicBarrier(2);
		List<CompletableFuture<MigrateResult>> starts = new ArrayList<>();
		for (int replica = 0; replica < 2; replica++) {
			starts.add(CompletableFuture.supplyAsync(() -> {
				Flyway flyway = Flyway.configure().dataSource(db).load();
				await(together);
				return flyway.migrate();
			}));
		}
		List<MigrateResult> results = starts.stream().map(CompletableFuture::join).toList();

		assertThat(results).allMatch(r -> r.success);
		assertThat(results.stream().mapToInt(r -> r.migrationsExecuted).sum())
			.as("each migration ran exactly once across the replicas")
			.isEqualTo(Flyway.configure().dataSource(db).load().info().applied().length);
		JdbcTemplate jdbc = new JdbcTemplate(db);
		assertThat(
				jdbc.queryForObject(
						"SELECT count(*) FROM information_schema.tables WHERE table_name IN "
								+ "('execution','batch_history','batch_job_instance','batch_step_execution')",
						Integer.class))
			.isEqualTo(4);
	}

	@Test
	void schemaMatchesTheDataDictionary() {
		DataSource db = TestDatabase.create().dataSource();
		Flyway.configure().dataSource(db).load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(db);

		List<String> columns = jdbc.queryForList("""
				SELECT column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
				       || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
				       || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
				FROM information_schema.columns WHERE table_name = 'execution' ORDER BY column_name""", String.class);
		assertThat(columns).contains("execution_service_id integer(32,0) not null", "is_open boolean not null",
				"execution_status character varying(20) not null", "trade_type character varying(10) not null",
				"destination character varying(20) not null", "trade_date date not null",
				"security_id character(24) not null", "portfolio_id character(24)", "quantity numeric(18,8) not null",
				"limit_price numeric(18,8)", "quantity_filled numeric(18,8) not null", "total_amount numeric(18,8)",
				"average_price numeric(18,8) not null", "received_timestamp timestamp with time zone not null",
				"sent_timestamp timestamp with time zone not null", "last_fill_timestamp timestamp with time zone",
				"ready_to_send_timestamp timestamp with time zone", "version integer(32,0) not null");
		assertThat(
				jdbc.queryForObject(
						"SELECT column_default FROM information_schema.columns "
								+ "WHERE table_name = 'execution' AND column_name = 'ready_to_send_timestamp'",
						String.class))
			.isEqualTo("CURRENT_TIMESTAMP");
		assertThat(
				jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'batch_history'", String.class))
			.contains("batch_history_start_time_ndx", "batch_history_previous_start_time_ndx");
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
