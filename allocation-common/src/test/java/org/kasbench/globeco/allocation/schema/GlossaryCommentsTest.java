package org.kasbench.globeco.allocation.schema;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema states the glossary of docs/sending.md: every column of the batch and
 * verdict tables says what it holds, and a column whose name is the contract's, not the
 * glossary's, says which word it is.
 */
class GlossaryCommentsTest {

	@Test
	void everyColumnOfTheBatchAndVerdictTablesSaysWhatItHolds() {
		JdbcTemplate jdbc = migrated();

		assertThat(jdbc.queryForList("""
				SELECT table_name || '.' || column_name FROM information_schema.columns c
				WHERE table_name IN ('batch_history', 'send_row_verdict') AND column_name NOT IN ('id', 'version')
				  AND col_description(to_regclass(table_name)::oid, ordinal_position) IS NULL""", String.class))
			.isEmpty();
		assertThat(jdbc.queryForObject("SELECT obj_description('batch_history'::regclass, 'pg_class')", String.class))
			.startsWith("Batches: one row per batch");
	}

	@Test
	void theContractsColumnNamesSayWhichGlossaryWordTheyAre() {
		JdbcTemplate jdbc = migrated();

		assertThat(comment(jdbc, "processed_count")).startsWith("Rows claimed");
		assertThat(comment(jdbc, "rejected_count")).startsWith("Rows refused");
		assertThat(comment(jdbc, "pending_count")).startsWith("Rows undelivered");
		assertThat(comment(jdbc, "job_name")).contains("Kubernetes Job (the CLI Job)").doesNotContain("worker");
	}

	private static String comment(JdbcTemplate jdbc, String column) {
		List<String> found = jdbc.queryForList("""
				SELECT col_description('batch_history'::regclass, ordinal_position) FROM information_schema.columns
				WHERE table_name = 'batch_history' AND column_name = ?""", String.class, column);
		return found.getFirst();
	}

	private static JdbcTemplate migrated() {
		DataSource db = TestDatabase.create().dataSource();
		Flyway.configure().dataSource(db).load().migrate();
		return new JdbcTemplate(db);
	}

}
