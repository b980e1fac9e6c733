package org.kasbench.globeco.allocation.observability;

import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.JdbcProxyFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;

import javax.sql.DataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * datasource-proxy's factory of JDBC proxies, except that a connection taken outside a
 * kept trace is handed out as the pool gave it: none of its statements, parameters or
 * rows pass through a proxy, whose listeners would drop every event anyway. The
 * connection's id, counted as open by the proxy's id manager, is given back at once,
 * since no proxy will report its close.
 * <p>
 * The choice is made when the connection is taken, on the same thread and in the same
 * span as the connection observation's own choice ({@code KeptTracesOnly}), so a
 * connection is observed from its opening to its close, or not at all.
 */
final class KeptTracesOnlyProxies implements JdbcProxyFactory {

	private final BooleanSupplier inKeptTrace;

	KeptTracesOnlyProxies(BooleanSupplier inKeptTrace) {
		this.inKeptTrace = inKeptTrace;
	}

	@Override
	public Connection createConnection(Connection connection, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		if (this.inKeptTrace.getAsBoolean()) {
			return DEFAULT.createConnection(connection, connectionInfo, proxyConfig);
		}
		proxyConfig.getConnectionIdManager().addClosedId(connectionInfo.getConnectionId());
		return connection;
	}

	@Override
	public DataSource createDataSource(DataSource dataSource, ProxyConfig proxyConfig) {
		return DEFAULT.createDataSource(dataSource, proxyConfig);
	}

	@Override
	public Statement createStatement(Statement statement, ConnectionInfo connectionInfo, Connection proxyConnection,
			ProxyConfig proxyConfig) {
		return DEFAULT.createStatement(statement, connectionInfo, proxyConnection, proxyConfig);
	}

	@Override
	public PreparedStatement createPreparedStatement(PreparedStatement preparedStatement, String query,
			ConnectionInfo connectionInfo, Connection proxyConnection, ProxyConfig proxyConfig, boolean generateKey) {
		return DEFAULT.createPreparedStatement(preparedStatement, query, connectionInfo, proxyConnection, proxyConfig,
				generateKey);
	}

	@Override
	public CallableStatement createCallableStatement(CallableStatement callableStatement, String query,
			ConnectionInfo connectionInfo, Connection proxyConnection, ProxyConfig proxyConfig) {
		return DEFAULT.createCallableStatement(callableStatement, query, connectionInfo, proxyConnection, proxyConfig);
	}

	@Override
	public ResultSet createResultSet(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		return DEFAULT.createResultSet(resultSet, connectionInfo, proxyConfig);
	}

	@Override
	public ResultSet createGeneratedKeys(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		return DEFAULT.createGeneratedKeys(resultSet, connectionInfo, proxyConfig);
	}

}
