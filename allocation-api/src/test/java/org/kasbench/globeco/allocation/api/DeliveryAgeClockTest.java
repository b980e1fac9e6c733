package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery objective is measured on the database's clock: a replica whose own clock
 * runs 90 s fast reports the real age of an execution not yet delivered, not 90 s more. A
 * database of its own, so no other test's undelivered rows are the oldest.
 */
@Import(DeliveryAgeClockTest.FastClock.class)
class DeliveryAgeClockTest extends ApiTestSupport {

	private static final TestDatabase OWN = TestDatabase.create();

	private static final Pattern AGE = Pattern
		.compile("(?m)^allocation_delivery_oldest_undelivered_age_seconds (\\S+)$");

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		// the pool's own URL: the base class's spring.datasource.url is registered after
		// this
		registry.add("spring.datasource.hikari.jdbc-url", OWN::url);
	}

	@Test
	void theAgeOfAnUndeliveredExecutionIsMeasuredOnTheDatabasesClock() {
		new JdbcTemplate(OWN.dataSource())
			.update("""
					INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination,
					    trade_date, security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp,
					    quantity_filled, total_amount, average_price, ready_to_send_timestamp)
					VALUES (1, false, 'FULL', 'BUY', 'ML', DATE '2025-05-27', '68336002fe95851f0a2aeda9', 'IBM',
					    '684f125ac19ad4fb89bc14ba', 10, now(), now(), 10, 1904.096, 190.4096, now() - interval '2 seconds')""");

		double age = oldestUndeliveredAgeSeconds();

		assertThat(age).as("2 s old by the database's clock; this replica's clock is 90 s fast").isBetween(2.0, 30.0);
	}

	private double oldestUndeliveredAgeSeconds() {
		String metrics = send(HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain").GET().build())
			.body();
		Matcher age = AGE.matcher(metrics);
		assertThat(age.find()).as(metrics).isTrue();
		return Double.parseDouble(age.group(1));
	}

	/** This replica's wall clock, 90 s ahead of the database's. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FastClock {

		@Bean
		@Primary
		Clock fastClock() {
			return Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90));
		}

	}

}
