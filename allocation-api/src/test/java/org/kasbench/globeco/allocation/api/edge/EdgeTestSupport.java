package org.kasbench.globeco.allocation.api.edge;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every edge test checks: the error shape on raw answers, the rows stored, and the
 * log lines at ERROR. The API's one allowed CORS origin, {@link #PORTAL}, and its short
 * read timeout are set for every API test (see {@link ApiTestSupport}).
 */
abstract class EdgeTestSupport extends ApiTestSupport {

	static final Duration READ = Duration.ofSeconds(15);

	@Autowired
	JdbcTemplate jdbc;

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@BeforeEach
	void captureLogs() {
		logged.start();
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
	}

	@AfterEach
	void releaseLogs() {
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
		logged.stop();
	}

	List<String> errorsLogged() {
		return logged.list.stream()
			.filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
			.map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
			.toList();
	}

	/** Rows of every table a bad request could write to. */
	long storedRows() {
		return jdbc.queryForObject("select (select count(*) from execution) + (select count(*) from batch_history)",
				Long.class);
	}

	RawHttp.Answer raw(String requestLine, String headers) {
		return RawHttp.request(port, requestLine, headers, null, READ);
	}

	RawHttp.Answer raw(String requestLine, String headers, String body) {
		return RawHttp.request(port, requestLine, headers,
				body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), READ);
	}

	/**
	 * The shared error shape, as JSON, with the security headers, and nothing given away.
	 */
	static JsonNode assertErrorAnswer(RawHttp.Answer answer, int status, String code) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertShapeAndHeaders(answer);
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.get("code").asString()).as(answer.body()).isEqualTo(code);
		return body;
	}

	static JsonNode assertShapeAndHeaders(RawHttp.Answer answer) {
		assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/json");
		assertThat(answer.header("x-content-type-options")).as(answer.toString()).isEqualTo("nosniff");
		assertThat(answer.header("cache-control")).as(answer.toString()).isEqualTo("no-store");
		assertNothingGivenAway(answer.body());
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.get("status").asInt()).isEqualTo(answer.status());
		assertThat(body.get("error").isString()).isTrue();
		assertThat(body.get("code").isString()).isTrue();
		assertThat(body.get("message").isString()).isTrue();
		assertThat(body.has("path")).isTrue();
		assertThat(body.get("timestamp").isNumber()).isTrue();
		assertThat(body.get("correlationId").isString()).as(answer.body()).isTrue();
		assertThat(body.get("correlationId").asString()).isNotBlank();
		assertThat(answer.header("x-correlation-id")).isEqualTo(body.get("correlationId").asString());
		assertThat(body.get("details").isArray()).isTrue();
		return body;
	}

	static void assertNothingGivenAway(String body) {
		String lower = body.toLowerCase(Locale.ROOT);
		assertThat(lower).doesNotContain("exception", "<html", "at org.", "at java.", "select ", "insert ",
				"org.kasbench", "java.", "tomcat", "whitelabel", "stack");
	}

}
