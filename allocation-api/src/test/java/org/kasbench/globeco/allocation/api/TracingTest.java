package org.kasbench.globeco.allocation.api;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An incoming W3C trace context is honoured, and the Trade Service call and the database
 * work of the request are child spans of it. The database is observed only in traces that
 * are kept; outside them its connections are not even wrapped.
 */
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"management.opentelemetry.tracing.export.schedule-delay=50ms" })
class TracingTest extends ApiTestSupport {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String DROPPED_TRACE_ID = "5c0a3f4e1d2b3c4d5e6f708192a3b4c5";

	@TestConfiguration
	static class CollectSpans {

		@Bean
		InMemorySpanExporter collectedSpans() {
			return InMemorySpanExporter.create();
		}

		@Bean
		ObservationsByTrace observationsByTrace() {
			return new ObservationsByTrace();
		}

	}

	/** The names of the observations that ended, by the trace they were part of. */
	static final class ObservationsByTrace implements ObservationHandler<Observation.Context> {

		final Map<String, Set<String>> names = new ConcurrentHashMap<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing != null && tracing.getSpan() != null) {
				this.names.computeIfAbsent(tracing.getSpan().context().traceId(), id -> ConcurrentHashMap.newKeySet())
					.add(context.getName());
			}
		}

	}

	@Autowired
	InMemorySpanExporter spans;

	@Autowired
	ObservationsByTrace observations;

	@Autowired
	DataSource dataSource;

	@Test
	void theRequestsTraceCoversTheTradeServiceCallAndTheDatabase() {
		assertThat(postInTrace(TRACE_ID, "01").statusCode()).isEqualTo(201);

		List<SpanData> trace = await().atMost(Duration.ofSeconds(10))
			.until(() -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE_ID)).toList(),
					found -> found.stream().anyMatch(s -> s.getName().startsWith("http post"))
							&& found.stream().anyMatch(s -> s.getName().equals("query")));

		SpanData server = trace.stream()
			.filter(s -> s.getParentSpanId().equals("00f067aa0ba902b7"))
			.findFirst()
			.orElseThrow();
		assertThat(trace).as("a client span for the Trade Service call")
			.anySatisfy(s -> assertThat(s.getKind().name()).isEqualTo("CLIENT"))
			.anySatisfy(s -> assertThat(s.getAttributes().asMap().toString()).contains("/api/v2/executions"));
		assertThat(trace).as("a span for the one SQL statement a new execution costs (no look-up before the insert)")
			.filteredOn(s -> s.getName().equals("query"))
			.hasSize(1);
		assertThat(trace).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
		assertThat(server.getName()).isEqualTo("http post /api/v1/executions");
	}

	@Test
	void aTraceTheCallerDroppedHasNoDatabaseObservationsNorMeters() {
		assertThat(postInTrace(DROPPED_TRACE_ID, "00").statusCode()).isEqualTo(201);

		Set<String> observed = await().atMost(Duration.ofSeconds(10))
			.until(() -> observations.names.getOrDefault(DROPPED_TRACE_ID, Set.of()),
					names -> names.contains("http.server.requests"));
		assertThat(observed).as("the Trade Service call is still observed").contains("http.client.requests");
		assertThat(observed).as("no connection or statement observations").noneMatch(n -> n.startsWith("jdbc."));

		String metrics = send(HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain").GET().build())
			.body();
		assertThat(metrics).as("no per-statement meters, kept traces or not")
			.doesNotContain("jdbc_query", "jdbc_connection_seconds", "jdbc_connection_active")
			.contains("jdbc_connections_active", "hikaricp_connections_acquire_seconds");
	}

	@Test
	void outsideAKeptTraceTheServiceWorksOnThePoolsOwnConnections() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection).as("not wrapped by the JDBC proxy").isNotInstanceOf(ProxyJdbcObject.class);
		}
	}

	/**
	 * One execution posted as part of the caller's trace, kept ("01") or dropped ("00").
	 */
	private HttpResponse<String> postInTrace(String traceId, String flags) {
		return send(HttpRequest.newBuilder(uri("/api/v1/executions"))
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + flags)
			.POST(HttpRequest.BodyPublishers.ofString("[" + confirmation(Executions.uniqueId()) + "]"))
			.build());
	}

}
