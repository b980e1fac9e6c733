package org.kasbench.globeco.allocation.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.observation.boot.autoconfigure.ProxyDataSourceBuilderCustomizer;
import net.ttddyy.observation.tracing.DataSourceObservationListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Database spans (one per connection and per statement) are made only inside a trace that
 * is kept. Observing every statement of every request took 18 % of the API's CPU samples
 * under load, to build spans that the sampler then dropped (docs/performance.md). Outside
 * a kept trace a connection is not even wrapped: the JDBC proxy's reflection and listener
 * calls on every statement, parameter and column cost about 8 % of a post's CPU for
 * nothing.
 * <p>
 * The same observations would also time every statement as a meter. Counted only in kept
 * traces, those meters would describe a sample, not the load, so they are turned off. The
 * pool's own series ({@code hikaricp_connections_*}, {@code jdbc_connections_*}) stay.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseObservationConfiguration {

	/** The observations datasource-micrometer makes, by name. */
	static final Set<String> DATABASE_OBSERVATIONS = Set.of("jdbc.connection", "jdbc.query", "jdbc.result-set",
			"jdbc.generated-keys");

	@Bean
	static BeanPostProcessor databaseObservationsOnlyInKeptTraces(ObjectProvider<Tracer> tracer) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof DataSourceObservationListener observations
						? new KeptTracesOnly(observations, tracer) : bean;
			}
		};
	}

	@Bean
	ProxyDataSourceBuilderCustomizer plainConnectionsOutsideKeptTraces(ObjectProvider<Tracer> tracer) {
		KeptTrace keptTrace = new KeptTrace(tracer);
		return (builder, dataSource, beanName, dataSourceName) -> builder
			.jdbcProxyFactory(new KeptTracesOnlyProxies(keptTrace::isCurrent));
	}

	@Bean
	MeterFilter noDatabaseObservationMeters() {
		return MeterFilter.deny(DatabaseObservationConfiguration::isDatabaseObservationMeter);
	}

	/**
	 * A timer is named as its observation; its active and event meters extend the name.
	 */
	private static boolean isDatabaseObservationMeter(Meter.Id id) {
		String name = id.getName();
		return DATABASE_OBSERVATIONS.stream().anyMatch(o -> name.equals(o) || name.startsWith(o + "."));
	}

	/**
	 * Passes the proxy's events on only while the current span is sampled. A connection
	 * and its statements are opened and closed in one scope, so each observation sees
	 * both its start and its end, or neither.
	 */
	static final class KeptTracesOnly implements QueryExecutionListener, MethodExecutionListener {

		private final DataSourceObservationListener observations;

		private final KeptTrace keptTrace;

		KeptTracesOnly(DataSourceObservationListener observations, ObjectProvider<Tracer> tracer) {
			this.observations = observations;
			this.keptTrace = new KeptTrace(tracer);
		}

		@Override
		public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
			if (inKeptTrace()) {
				this.observations.beforeQuery(execution, queries);
			}
		}

		@Override
		public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
			if (inKeptTrace()) {
				this.observations.afterQuery(execution, queries);
			}
		}

		@Override
		public void beforeMethod(MethodExecutionContext method) {
			if (inKeptTrace()) {
				this.observations.beforeMethod(method);
			}
		}

		@Override
		public void afterMethod(MethodExecutionContext method) {
			if (inKeptTrace()) {
				this.observations.afterMethod(method);
			}
		}

		private boolean inKeptTrace() {
			return this.keptTrace.isCurrent();
		}

	}

	/** Whether the current span belongs to a trace that is kept (sampled). */
	static final class KeptTrace {

		private final Supplier<Tracer> tracer;

		KeptTrace(ObjectProvider<Tracer> tracer) {
			this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
		}

		boolean isCurrent() {
			Tracer current = this.tracer.get();
			Span span = current == null ? null : current.currentSpan();
			return span != null && Boolean.TRUE.equals(span.context().sampled());
		}

	}

}
