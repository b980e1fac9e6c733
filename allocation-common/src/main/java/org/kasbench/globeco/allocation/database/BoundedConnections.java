package org.kasbench.globeco.allocation.database;

import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;

/**
 * Puts {@link DatabaseBounds} on a pool's connections: the server's timeouts as session
 * settings, the driver's socket and connect timeouts, and TCP keep-alive; and names the
 * pool in {@code pg_stat_activity.application_name}, so an operator sees which pool
 * waits.
 */
final class BoundedConnections {

	private BoundedConnections() {
	}

	static void apply(HikariDataSource pool, DatabaseBounds bounds, String applicationName) {
		pool.addDataSourceProperty("ApplicationName", applicationName);
		Object options = pool.getDataSourceProperties().get("options");
		pool.addDataSourceProperty("options",
				options == null ? bounds.sessionOptions() : options + " " + bounds.sessionOptions());
		pool.addDataSourceProperty("socketTimeout", seconds(bounds.socketTimeout()));
		pool.addDataSourceProperty("connectTimeout", seconds(bounds.connectTimeout()));
		pool.addDataSourceProperty("tcpKeepAlive", "true");
	}

	/** PgJDBC counts these timeouts in whole seconds. */
	static String seconds(Duration timeout) {
		return Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
	}

}
