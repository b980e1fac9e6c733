package org.kasbench.globeco.allocation.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base for Spring tests: points the context at the run's fresh PostgreSQL database. */
public abstract class DatabaseTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase db = TestDatabase.shared();
		registry.add("spring.datasource.url", db::url);
		registry.add("spring.datasource.username", db::user);
		registry.add("spring.datasource.password", db::password);
		// Test contexts stay cached for the run and the server is shared: connections on
		// demand, not a full idle pool.
		registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
	}

}
