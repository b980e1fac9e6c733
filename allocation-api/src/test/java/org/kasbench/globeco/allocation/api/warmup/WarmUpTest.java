package org.kasbench.globeco.allocation.api.warmup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up runs the ingest's hot path through the real HTTP stack before readiness
 * turns on, until its CPU per request settles (well before the long cap given here), and
 * leaves no trace a user would see: no row stored, no Trade Service call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "allocation.warmup.enabled=true", "allocation.warmup.duration=10m",
				"allocation.warmup.settle-window=100ms" })
@ExtendWith(OutputCaptureExtension.class)
class WarmUpTest extends ApiTestSupport {

	/**
	 * Rows and Trade Service calls just before the warm-up (order -1) and just after it
	 * (order 1).
	 */
	static final List<Long> ROWS = new ArrayList<>();
	static final List<Integer> TRADE_CALLS = new ArrayList<>();
	static final List<ReadinessState> READINESS_AFTER_WARM_UP = new ArrayList<>();

	@TestConfiguration
	static class Observe {

		@Bean
		@Order(-1)
		ApplicationRunner beforeWarmUp(JdbcTemplate jdbc) {
			return args -> {
				ROWS.add(jdbc.queryForObject("SELECT count(*) FROM execution", Long.class));
				TRADE_CALLS.add(TRADE_SERVICE.calls());
			};
		}

		@Bean
		@Order(1)
		ApplicationRunner afterWarmUp(JdbcTemplate jdbc, ApplicationAvailability availability) {
			return args -> {
				ROWS.add(jdbc.queryForObject("SELECT count(*) FROM execution", Long.class));
				TRADE_CALLS.add(TRADE_SERVICE.calls());
				READINESS_AFTER_WARM_UP.add(availability.getReadinessState());
			};
		}

	}

	@Autowired
	private ApplicationAvailability availability;

	@Test
	void postsAndReadsThroughTheServiceBeforeReadinessWithoutStoringOrCallingTheTradeService(CapturedOutput output) {
		String metrics = send(HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain").GET().build())
			.body();

		assertThat(metrics).as("the warm-up posted single and 100-element bodies and read the database over HTTP")
			.containsPattern(
					"http_server_requests_seconds_count\\{[^}]*method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/api/v1/executions\"} [1-9]")
			.containsPattern(
					"http_server_requests_seconds_count\\{[^}]*method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/executions\"} [1-9]")
			.containsPattern("allocation_ingest_executions_total\\{code=\"none\",status=\"SKIPPED\"} [1-9][0-9]{2,}")
			.doesNotContain("status=\"SUCCESS\"}", "status=\"FAILED\"}");
		assertThat(ROWS).as("rows before and after the warm-up").hasSize(2).allMatch(ROWS.getFirst()::equals);
		assertThat(TRADE_CALLS).as("Trade Service calls before and after the warm-up")
			.hasSize(2)
			.allMatch(TRADE_CALLS.getFirst()::equals);
		assertThat(READINESS_AFTER_WARM_UP).as("readiness once the warm-up is done, before Boot turns it on")
			.containsExactly(ReadinessState.REFUSING_TRAFFIC);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(output).as("the warm-up ended once its cost settled, not at the cap")
			.containsPattern("Warm-up: [0-9]+ requests in [0-9]+ ms, the CPU per request settled");
	}

}
