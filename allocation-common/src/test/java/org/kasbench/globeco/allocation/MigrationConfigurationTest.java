package org.kasbench.globeco.allocation;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.flyway.enabled} is read when the migration would run, so the API image
 * (whose beans, Flyway's included, are fixed at build time) still honours it.
 */
class MigrationConfigurationTest {

	@Test
	void migratesByDefault() {
		assertThat(migratedTables(new MockEnvironment())).isPositive();
	}

	@Test
	void migratesNothingWhenMigrationIsSwitchedOff() {
		assertThat(migratedTables(new MockEnvironment().withProperty("spring.flyway.enabled", "false"))).isZero();
	}

	private static int migratedTables(MockEnvironment environment) {
		TestDatabase db = TestDatabase.create();
		FlywayMigrationStrategy strategy = new MigrationConfiguration().migrateUnlessDisabled(environment);

		strategy.migrate(Flyway.configure().dataSource(db.dataSource()).load());

		return new JdbcTemplate(db.dataSource()).queryForObject(
				"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Integer.class);
	}

}
