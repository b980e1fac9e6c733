package org.kasbench.globeco.allocation.api.send;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL lost while a send's CLI runs: the send is 503 DATABASE_UNAVAILABLE with
 * Retry-After, as before a send starts, never a 500. The database is lost for this
 * application only: its own database stops taking connections and its sessions are ended
 * (the server itself is shared and untouched). Every pool gives up on a connection after
 * a quarter of a second instead of the 5 s of production: the job and the API wait for a
 * connection several times on the way to the answer, and the answer, not the wait, is
 * under test.
 */
@TestPropertySource(properties = { "spring.datasource.hikari.connection-timeout=250",
		"allocation.db.send-connection-timeout=250ms", "allocation.db.connect-timeout=250ms" })
class SendDatabaseLossApiTest extends ApiTestSupport {

	private static final TestDatabase OWN = TestDatabase.create();

	private static final String NAME = URI.create(OWN.url().substring("jdbc:".length())).getPath().substring(1);

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		// the pool's own URL: the base class's spring.datasource.url is registered after
		// this
		registry.add("spring.datasource.hikari.jdbc-url", OWN::url);
	}

	@AfterEach
	void databaseBack() {
		admin().execute("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS true");
	}

	@Test
	void theDatabaseLostWhileTheCliRunsIs503WithRetryAfter() {
		CompletableFuture<HttpResponse<String>> send = startAHeldSend();
		JdbcTemplate own = new JdbcTemplate(OWN.dataSource());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> own.queryForList("SELECT status FROM batch_history", String.class).contains("CLI_RUNNING"));

		admin().execute("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS false");
		admin().queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", NAME);
		CliStandIns.release(FILES);

		HttpResponse<String> lost = send.join();
		assertErrorShape(lost, 503, "DATABASE_UNAVAILABLE");
		assertThat(lost.headers().firstValue("Retry-After")).isPresent();
	}

	/** A connection to the server's maintenance database, not to the one that is lost. */
	private static JdbcTemplate admin() {
		TestDatabase db = TestDatabase.shared();
		org.postgresql.ds.PGSimpleDataSource maintenance = new org.postgresql.ds.PGSimpleDataSource();
		maintenance.setUrl(db.url().substring(0, db.url().lastIndexOf('/') + 1) + "postgres");
		maintenance.setUser(db.user());
		maintenance.setPassword(db.password());
		return new JdbcTemplate(maintenance);
	}

}
