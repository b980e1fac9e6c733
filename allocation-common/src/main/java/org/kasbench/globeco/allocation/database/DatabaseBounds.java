package org.kasbench.globeco.allocation.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long anything may wait on PostgreSQL ({@code allocation.db.*}), on every connection
 * of every pool. A process that vanishes (its node or network gone: the peer neither
 * answers nor closes) while it holds a lock must not hold it for long: the server ends
 * its session after {@code idleInTransactionTimeout}, which frees the lock before a
 * waiter's {@code lockTimeout} runs out. Every bound is shorter than the send lease
 * ({@code allocation.send.lease}), which the start-up check enforces.
 *
 * @param lockTimeout longest a statement waits for a lock (a row, the claim's advisory
 * lock, a unique-index entry another transaction is inserting) before it fails; longer
 * than the idle-in-transaction timeout, so a lock held by a vanished process is released
 * before its waiters give up, and shorter than the statement timeout, which counts lock
 * waits too
 * @param idleInTransactionTimeout the server ends a session whose open transaction waits
 * this long for its client's next statement, releasing its locks
 * @param statementTimeout longest a statement may run on the server
 * @param socketTimeout longest the driver waits for the server's answer on a connection;
 * longer than the statement timeout, so a slow statement is cancelled by the server
 * first, and this only ends a connection whose server is gone
 * @param tcpUserTimeout the server drops a connection whose data its client has not
 * acknowledged for this long (a client that vanished while being sent rows)
 * @param connectTimeout longest the driver takes to open a connection
 * @param sendPoolSize connections of the send pool: the send job (claim, file, verdict,
 * Spring Batch's job repository) and the batch audit use only these, so sends can never
 * take the connections ingest and readiness need
 * @param sendConnectionTimeout longest a send waits for a connection of the send pool
 */
@ConfigurationProperties("allocation.db")
public record DatabaseBounds(@DefaultValue("15s") Duration lockTimeout,
		@DefaultValue("10s") Duration idleInTransactionTimeout, @DefaultValue("30s") Duration statementTimeout,
		@DefaultValue("45s") Duration socketTimeout, @DefaultValue("15s") Duration tcpUserTimeout,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("5") int sendPoolSize,
		@DefaultValue("5s") Duration sendConnectionTimeout) {

	/**
	 * The server settings of every session, as PgJDBC's {@code options} connection
	 * property.
	 */
	String sessionOptions() {
		return "-c lock_timeout=%d -c idle_in_transaction_session_timeout=%d -c statement_timeout=%d -c tcp_user_timeout=%d"
			.formatted(lockTimeout.toMillis(), idleInTransactionTimeout.toMillis(), statementTimeout.toMillis(),
					tcpUserTimeout.toMillis());
	}

	/**
	 * What keeps these bounds from doing their job for a send holding a lease of
	 * {@code lease}; one sentence each, naming the settings.
	 */
	public List<String> problemsUnder(Duration lease) {
		List<String> problems = new ArrayList<>();
		if (!lockTimeout.isPositive() || !idleInTransactionTimeout.isPositive() || !statementTimeout.isPositive()
				|| !socketTimeout.isPositive() || !tcpUserTimeout.isPositive() || !connectTimeout.isPositive()) {
			problems.add("every allocation.db timeout (ALLOCATION_DB_*) must be positive: none may wait for ever");
		}
		Duration socket = Duration.ofSeconds(Long.parseLong(BoundedConnections.seconds(socketTimeout)));
		List<Duration> chain = List.of(idleInTransactionTimeout, lockTimeout, statementTimeout, socket, lease);
		for (int i = 1; i < chain.size(); i++) {
			if (chain.get(i - 1).compareTo(chain.get(i)) >= 0) {
				problems.add(("the database bounds must grow in this order, each shorter than the next:"
						+ " allocation.db.idle-in-transaction-timeout (ALLOCATION_DB_IDLEINTRANSACTIONTIMEOUT, %s) <"
						+ " allocation.db.lock-timeout (ALLOCATION_DB_LOCKTIMEOUT, %s) <"
						+ " allocation.db.statement-timeout (ALLOCATION_DB_STATEMENTTIMEOUT, %s) <"
						+ " allocation.db.socket-timeout (ALLOCATION_DB_SOCKETTIMEOUT, whole seconds, %s) <"
						+ " allocation.send.lease (ALLOCATION_SEND_LEASE, %s)")
					.formatted(chain.toArray()));
				break;
			}
		}
		if (sendPoolSize < 1) {
			problems.add("allocation.db.send-pool-size (ALLOCATION_DB_SENDPOOLSIZE) must be at least 1");
		}
		return problems;
	}

}
