package org.kasbench.globeco.allocation.api.send;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SendApiTest extends ApiTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void postedExecutionsGoOutInTheSendAndTheBatchIsAuditable() throws Exception {
		List<Integer> ids = IntStream.range(0, 3).mapToObj(i -> Executions.uniqueId()).toList();
		postJson("/api/v1/executions",
				ids.stream().map(ApiTestSupport::confirmation).collect(Collectors.joining(",", "[", "]")));

		HttpResponse<String> sent = post("/api/v1/executions/send", null, null);

		assertThat(sent.statusCode()).isEqualTo(200);
		JsonNode body = json(sent);
		assertThat(body.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(body.get("executionMode").asString()).isEqualTo("exec");
		assertThat(body.get("startTime").isNumber()).isTrue();
		int batchId = body.get("batchId").asInt();
		// The batch takes every ready row of the run's shared database, ours among them:
		// count exactly what it holds.
		int held = jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id = ?", Integer.class, batchId);
		assertThat(body.get("processedCount").asInt()).isEqualTo(held);
		assertThat(body.get("acceptedCount").asInt()).isEqualTo(held);
		String csv = Files.readString(FILES.resolve(body.get("fileName").asString()));
		assertThat(csv.lines().skip(1)).hasSize(held);
		for (int esid : ids) {
			int id = jdbc.queryForObject("SELECT id FROM execution WHERE execution_service_id = ?", Integer.class,
					esid);
			assertThat(csv).contains(",AC" + id + ",BUY,1000,190.4096,");
		}

		JsonNode batch = json(get("/api/v1/batches/" + batchId));
		assertThat(batch.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(batch.get("statusHistory").valueStream().map(h -> h.get("status").asString()).toList())
			.containsSubsequence("OPEN", "CLAIMED", "FILE_WRITTEN", "CLI_RUNNING", "COMPLETED");
		JsonNode list = json(get("/api/v1/batches?limit=5"));
		int newest = jdbc.queryForObject("SELECT max(id) FROM batch_history", Integer.class);
		assertThat(list.get("batches").get(0).get("batchId").asInt()).as("newest first").isEqualTo(newest);
		assertThat(list.get("pagination").get("limit").asInt()).isEqualTo(5);
		JsonNode execution = json(get("/api/v1/executions?executionServiceId=" + ids.getFirst())).get("executions")
			.get(0);
		assertThat(execution.get("batchId").asInt()).isEqualTo(batchId);
	}

	@Test
	void acceptsNoBodyAnEmptyObjectOrAnythingElse() {
		assertThat(post("/api/v1/executions/send", null, null).statusCode()).isEqualTo(200);
		assertThat(postJson("/api/v1/executions/send", "{}").statusCode()).isEqualTo(200);
		assertThat(post("/api/v1/executions/send", "not json at all", "text/plain").statusCode()).isEqualTo(200);
		HttpResponse<String> nothing = postJson("/api/v1/executions/send", "{\"ignored\":true}");
		assertThat(json(nothing).get("status").asString()).isEqualTo("NOTHING_TO_SEND");
		assertThat(json(nothing).get("fileName").isNull()).isTrue();
	}

	@Test
	void aSendWhoseWindowIsTakenIs409AndChangesNothing() throws Exception {
		int batchesBefore = jdbc.queryForObject("SELECT count(*) FROM batch_history", Integer.class);
		try (Connection other = TestDatabase.shared().dataSource().getConnection();
				Statement s = other.createStatement()) {
			other.setAutoCommit(false);
			s.execute(
					"INSERT INTO batch_history (previous_start_time, status) SELECT max(start_time), 'OPEN' FROM batch_history");
			CompletableFuture<HttpResponse<String>> send = CompletableFuture
				.supplyAsync(() -> postJson("/api/v1/executions/send", "{}"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> jdbc.queryForObject(
						"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO batch_history%'",
						Integer.class) > 0);
			other.commit();

			assertErrorShape(send.join(), 409, "SEND_IN_PROGRESS");
		}
		assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_history", Integer.class))
			.isEqualTo(batchesBefore + 1);
	}

	@Test
	void aFailingCliIs502AndTheBatchCanBeRetried() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		CliStandIns.mode(FILES, "fail");

		HttpResponse<String> failed = postJson("/api/v1/executions/send", "{}");

		assertErrorShape(failed, 502, "CLI_FAILED");
		String location = failed.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/api/v1/batches/\\d+");
		int batchId = Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
		assertThat(json(failed).get("message").asString()).startsWith("Batch " + batchId + ": ");
		JsonNode batch = json(get("/api/v1/batches/" + batchId));
		assertThat(batch.get("status").asString()).isEqualTo("FAILED");
		assertThat(batch.get("cliExitCode").asInt()).isEqualTo(3);

		CliStandIns.mode(FILES, "ok");
		HttpResponse<String> retried = post("/api/v1/batches/" + batchId + "/retry", null, null);

		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(json(retried).get("status").asString()).isEqualTo("COMPLETED");
		assertErrorShape(post("/api/v1/batches/" + batchId + "/retry", null, null), 409, "BATCH_NOT_RETRYABLE");
		assertErrorShape(post("/api/v1/batches/999999/retry", null, null), 404, "NOT_FOUND");
	}

	@Test
	void refusedRowsCanBeRequeuedAndGoOutWithTheBatchsNextAttempt() {
		Executions.insertDirectly(jdbc, "BUY", "SHORTPORTFOLIO", BigDecimal.TEN);
		JsonNode sent = json(postJson("/api/v1/executions/send", "{}"));
		int batchId = sent.get("batchId").asInt();
		assertThat(sent.get("status").asString()).isEqualTo("COMPLETED_WITH_REJECTIONS");
		JsonNode refused = json(get("/api/v1/batches/" + batchId)).get("rowOutcomes").get(0);
		assertThat(refused.get("verdict").asString()).isEqualTo("REFUSED");
		assertThat(refused.get("errorMessage").asString()).contains("portfolio_id");

		HttpResponse<String> requeued = post("/api/v1/batches/" + batchId + "/requeue-refused", null, null);

		assertThat(requeued.statusCode()).isEqualTo(200);
		assertThat(json(requeued).get("requeuedCount").asInt()).isEqualTo(1);
		JsonNode due = json(get("/api/v1/batches/" + batchId));
		assertThat(due.get("status").asString()).isEqualTo("FAILED");
		assertThat(due.get("failureReason").asString()).isEqualTo("REQUEUED");
		assertThat(due.get("pendingCount").asInt()).isEqualTo(1);

		JsonNode next = json(postJson("/api/v1/executions/send", "{}"));

		assertThat(next.get("retriedBatches")).singleElement().satisfies(r -> {
			assertThat(r.get("batchId").asInt()).isEqualTo(batchId);
			assertThat(r.get("status").asString()).as("still refused downstream")
				.isEqualTo("COMPLETED_WITH_REJECTIONS");
		});
		assertThat(json(get("/api/v1/batches/" + batchId)).get("attempts").asInt()).isEqualTo(2);
		assertErrorShape(post("/api/v1/batches/999999/requeue-refused", null, null), 404, "NOT_FOUND");
		// As an operator's retry leaves it while its CLI runs elsewhere.
		jdbc.update("UPDATE batch_history SET status = 'CLI_RUNNING', lease_owner = 'elsewhere',"
				+ " lease_expires_at = now() + interval '1 hour' WHERE id = ?", batchId);
		try {
			assertErrorShape(post("/api/v1/batches/" + batchId + "/requeue-refused", null, null), 409, "BATCH_RUNNING");
		}
		finally {
			jdbc.update("UPDATE batch_history SET status = 'COMPLETED_WITH_REJECTIONS', lease_owner = NULL,"
					+ " lease_expires_at = NULL WHERE id = ?", batchId);
		}
	}

	@Test
	void anUnknownParameterRunsNoSend() {
		int batchesBefore = jdbc.queryForObject("SELECT count(*) FROM batch_history", Integer.class);

		assertErrorShape(postJson("/api/v1/executions/send?wiat=false", "{}"), 400, "VALIDATION_FAILED");
		assertErrorShape(postJson("/api/v1/executions/send?wait=true&wait=false", "{}"), 400, "VALIDATION_FAILED");

		assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_history", Integer.class)).isEqualTo(batchesBefore);
	}

	@Test
	void batchQueriesValidateTheirParameters() {
		assertErrorShape(get("/api/v1/batches?limit=0"), 400, "VALIDATION_FAILED");
		assertErrorShape(get("/api/v1/batches?status=x"), 400, "VALIDATION_FAILED");
		assertErrorShape(get("/api/v1/batches/abc"), 400, "VALIDATION_FAILED");
		assertErrorShape(get("/api/v1/batches/999999"), 404, "NOT_FOUND");
		assertErrorShape(get("/api/v1/batches/1"), 404, "NOT_FOUND");
	}

}
