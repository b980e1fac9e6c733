package org.kasbench.globeco.allocation.observability;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.GlobalConnectionIdManager;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real PostgreSQL: outside a kept trace the pool's connection is handed out
 * unwrapped and leaves nothing counted as open; inside one, every statement still reaches
 * the listeners.
 */
class KeptTracesOnlyProxiesTest {

	private final List<String> queriesSeen = new ArrayList<>();

	private final GlobalConnectionIdManager ids = new GlobalConnectionIdManager();

	@Test
	void outsideAKeptTraceTheConnectionIsThePoolsOwn() throws SQLException {
		ProxyDataSource dataSource = proxied(false);

		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection).isNotInstanceOf(ProxyJdbcObject.class);
			assertThat(selectOne(connection)).isEqualTo(1);
		}
		assertThat(this.queriesSeen).isEmpty();
		assertThat(this.ids.getOpenConnectionIds()).as("no id left open by a connection no proxy will close").isEmpty();
	}

	@Test
	void insideAKeptTraceEveryStatementIsSeen() throws SQLException {
		ProxyDataSource dataSource = proxied(true);

		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection).isInstanceOf(ProxyJdbcObject.class);
			assertThat(selectOne(connection)).isEqualTo(1);
		}
		assertThat(this.queriesSeen).containsExactly("SELECT 1");
		assertThat(this.ids.getOpenConnectionIds()).isEmpty();
	}

	private ProxyDataSource proxied(boolean inKeptTrace) {
		return ProxyDataSourceBuilder.create("test", TestDatabase.shared().dataSource())
			.connectionIdManager(this.ids)
			.listener(new QueryExecutionListener() {
				@Override
				public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
				}

				@Override
				public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
					queries.forEach(q -> KeptTracesOnlyProxiesTest.this.queriesSeen.add(q.getQuery()));
				}
			})
			.jdbcProxyFactory(new KeptTracesOnlyProxies(() -> inKeptTrace))
			.build();
	}

	private static int selectOne(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
