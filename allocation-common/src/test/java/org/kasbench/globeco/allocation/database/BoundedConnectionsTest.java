package org.kasbench.globeco.allocation.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bounds on a pool's connections, against the real server: a lock held by a session
 * that went quiet (its process vanished) is freed for its waiters, and no lock wait or
 * statement outlasts its bound. The bounds are short (the tests wait them out) but keep
 * the order the start-up check demands, with room between them for a busy machine.
 */
class BoundedConnectionsTest {

	private static final long LOCK = 0x426F756E64L;

	private static final DatabaseBounds SHORT = new DatabaseBounds(Duration.ofMillis(700), Duration.ofMillis(300),
			Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
			Duration.ofSeconds(1));

	private static final TestDatabase db = TestDatabase.shared();

	private static HikariDataSource pool;

	@BeforeAll
	static void boundedPool() {
		pool = new HikariDataSource();
		pool.setJdbcUrl(db.url());
		pool.setUsername(db.user());
		pool.setPassword(db.password());
		pool.setMaximumPoolSize(3);
		BoundedConnections.apply(pool, SHORT, "bounded-connections-test");
	}

	@AfterAll
	static void close() {
		pool.close();
	}

	@Test
	void everyConnectionCarriesTheBounds() throws SQLException {
		try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
			assertThat(show(s, "lock_timeout")).isEqualTo("700ms");
			assertThat(show(s, "idle_in_transaction_session_timeout")).isEqualTo("300ms");
			assertThat(show(s, "statement_timeout")).isEqualTo("1s");
			assertThat(show(s, "tcp_user_timeout")).as("ms").isEqualTo("2000");
			assertThat(show(s, "application_name")).isEqualTo("bounded-connections-test");
			assertThat(c.getNetworkTimeout()).as("socket timeout, ms").isEqualTo(2000);
		}
	}

	@Test
	void aLockHeldByASessionThatWentQuietIsFreedForItsWaiter() throws Exception {
		try (Connection quiet = pool.getConnection(); Connection waiter = pool.getConnection()) {
			quiet.setAutoCommit(false);
			try (Statement s = quiet.createStatement()) {
				s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
			}
			// Its process has vanished: nothing more comes from it.
			waiter.setAutoCommit(false);
			CompletableFuture<Void> taken = CompletableFuture.runAsync(() -> lock(waiter));

			assertThat(taken).as("the waiter got the lock once the server ended the quiet session")
				.succeedsWithin(Duration.ofSeconds(10));
			waiter.rollback();
			assertThatThrownBy(() -> quiet.createStatement().execute("SELECT 1"))
				.as("the quiet session was ended by the server")
				.isInstanceOf(SQLException.class);
		}
	}

	@Test
	void aLockWaitEndsAtTheLockTimeout() throws Exception {
		try (Connection holder = db.dataSource().getConnection(); Connection waiter = pool.getConnection()) {
			holder.setAutoCommit(false);
			try (Statement s = holder.createStatement()) {
				s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
			}
			waiter.setAutoCommit(false);
			assertThatThrownBy(() -> lock(waiter)).rootCause()
				.isInstanceOf(SQLException.class)
				.satisfies(
						e -> assertThat(((SQLException) e).getSQLState()).as("lock_not_available").isEqualTo("55P03"));
			holder.rollback();
		}
	}

	@Test
	void aStatementEndsAtTheStatementTimeout() throws SQLException {
		try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
			assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)")).isInstanceOf(SQLException.class)
				.satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("query_canceled").isEqualTo("57014"));
		}
	}

	private static void lock(Connection connection) {
		try (Statement s = connection.createStatement()) {
			s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String show(Statement s, String setting) throws SQLException {
		try (var rs = s.executeQuery("SHOW " + setting)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
