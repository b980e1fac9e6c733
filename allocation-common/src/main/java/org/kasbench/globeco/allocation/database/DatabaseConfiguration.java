package org.kasbench.globeco.allocation.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Three pools on the one database, each with every wait bounded ({@link DatabaseBounds}):
 * the main pool (ingest, queries, readiness, migrations), the send pool (the send job and
 * Spring Batch's job repository), and a one-connection pool that only renews send leases.
 * So a send stuck behind a vanished replica's lock holds send connections only, and a
 * lease is renewed on a path no busy pool can block.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

	/** The qualifier of the pool that only renews leases. */
	public static final String LEASE_DATA_SOURCE = "leaseDataSource";

	@Bean
	static BeanPostProcessor boundedMainPool(ObjectProvider<DatabaseBounds> bounds, Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName)) {
					if (pool.getPoolName() == null) {
						pool.setPoolName("main");
					}
					BoundedConnections.apply(pool, bounds.getObject(), applicationName(environment));
				}
				return bean;
			}
		};
	}

	@Bean(defaultCandidate = false)
	@BatchDataSource
	HikariDataSource sendDataSource(DataSourceProperties connection, DatabaseBounds bounds, Environment environment) {
		HikariDataSource pool = pool(connection, environment, "send", bounds.sendPoolSize(),
				bounds.sendConnectionTimeout());
		BoundedConnections.apply(pool, bounds, applicationName(environment) + "/send");
		return pool;
	}

	@Bean(defaultCandidate = false)
	@BatchTransactionManager
	JdbcTransactionManager sendTransactionManager(@BatchDataSource DataSource sendDataSource) {
		return new JdbcTransactionManager(sendDataSource);
	}

	/** One connection, used by the single renewal thread alone. */
	@Bean(name = LEASE_DATA_SOURCE, defaultCandidate = false)
	@Qualifier(LEASE_DATA_SOURCE)
	HikariDataSource leaseDataSource(DataSourceProperties connection, DatabaseBounds bounds, Environment environment) {
		HikariDataSource pool = pool(connection, environment, "lease", 1, bounds.connectTimeout());
		pool.setMinimumIdle(0);
		BoundedConnections.apply(pool, bounds, applicationName(environment) + "/lease");
		return pool;
	}

	private static String applicationName(Environment environment) {
		return environment.getProperty("spring.application.name", "allocation");
	}

	/**
	 * A pool on the main pool's connection settings ({@code spring.datasource.*},
	 * {@code spring.datasource.hikari.*}) with its own name, size and wait.
	 */
	private static HikariDataSource pool(DataSourceProperties connection, Environment environment, String name,
			int size, Duration connectionTimeout) {
		HikariDataSource pool = connection.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
		pool.setPoolName(name);
		pool.setMaximumPoolSize(size);
		pool.setMinimumIdle(Math.min(1, size));
		pool.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
		return pool;
	}

}
