package org.kasbench.globeco.allocation.api.execution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.testsupport.Executions;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionQueryApiTest extends ApiTestSupport {

	@Test
	void bothByIdPathsServeTheSameExecution() {
		int esid = Executions.uniqueId();
		int id = json(postJson("/api/v1/executions", "[" + confirmation(esid) + "]")).get("results")
			.get(0)
			.get("execution")
			.get("id")
			.asInt();

		HttpResponse<String> plural = get("/api/v1/executions/" + id);
		HttpResponse<String> singular = get("/api/v1/execution/" + id);

		assertThat(plural.statusCode()).isEqualTo(200);
		assertThat(json(plural).get("executionServiceId").asInt()).isEqualTo(esid);
		assertThat(json(singular)).isEqualTo(json(plural));
		assertErrorShape(get("/api/v1/executions/2147483647"), 404, "NOT_FOUND");
		assertErrorShape(get("/api/v1/execution/abc"), 400, "VALIDATION_FAILED");
		assertErrorShape(get("/api/v1/executions/1.5"), 400, "VALIDATION_FAILED");
	}

	@Test
	void listsWithFiltersSortingAndPagination() {
		List<Integer> ids = IntStream.range(0, 3).mapToObj(i -> Executions.uniqueId()).toList();
		String ticker = "Q" + ids.getFirst();
		postJson("/api/v1/executions",
				ids.stream()
					.map(id -> confirmation(id).replace("\"ticker\":\"IBM\"", "\"ticker\":\"" + ticker + "\""))
					.collect(Collectors.joining(",", "[", "]")));

		JsonNode page = json(
				get("/api/v1/executions?ticker=" + ticker + "&sortBy=-executionServiceId&limit=2&offset=0"));

		assertThat(page.get("executions").valueStream().map(e -> e.get("executionServiceId").asInt()).toList())
			.containsExactly(ids.get(2), ids.get(1));
		JsonNode pagination = page.get("pagination");
		assertThat(pagination.get("totalElements").asInt()).isEqualTo(3);
		assertThat(pagination.get("totalPages").asInt()).isEqualTo(2);
		assertThat(pagination.get("hasNext").asBoolean()).isTrue();
		assertThat(pagination.get("hasPrevious").asBoolean()).isFalse();
		assertThat(pagination.get("limit").asInt()).isEqualTo(2);

		JsonNode second = json(
				get("/api/v1/executions?ticker=" + ticker + "&sortBy=-executionServiceId&limit=2&offset=2"));
		assertThat(second.get("executions").get(0).get("executionServiceId").asInt()).isEqualTo(ids.get(0));
		assertThat(second.get("pagination").get("currentPage").asInt()).isEqualTo(1);

		JsonNode byEsid = json(get("/api/v1/executions?executionServiceId=" + ids.get(1)));
		assertThat(byEsid.get("executions")).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0", "limit=1001", "limit=abc", "offset=-1", "sortBy=password", "sortBy=-",
			"tradeDate=yesterday", "executionServiceId=x", "portfolio_id=1", "limit=1&limit=2", "ticker=%00",
			"tradeDate=-5000-01-01", "sortBy=id,-id", "sortBy=id,id", "sortBy=-ticker,id,ticker" })
	void aBadQueryParameterIs400NeverA500(String query) {
		assertErrorShape(get("/api/v1/executions?" + query), 400, "VALIDATION_FAILED");
	}

	@Test
	void everyBadParameterIsNamedInTheDetails() {
		JsonNode error = json(get("/api/v1/executions?limit=0&sortBy=nope"));
		assertThat(error.get("details").valueStream().map(d -> d.get("field").asString()).toList()).contains("limit",
				"sortBy");
	}

	@Test
	void unknownRoutesAndMethodsKeepTheErrorShape() {
		assertErrorShape(get("/api/v1/nothing-here"), 404, "NOT_FOUND");
		assertErrorShape(send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/executions")).DELETE().build()), 405,
				"METHOD_NOT_ALLOWED");
	}

	@Test
	void aCorrelationIdIsEchoedOrReplacedWhenUnsafe() {
		HttpResponse<String> kept = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/executions?limit=1"))
			.header("X-Correlation-ID", "portal-42")
			.GET()
			.build());
		HttpResponse<String> replaced = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/executions?limit=0"))
			.header("X-Correlation-ID", "x".repeat(200))
			.GET()
			.build());

		assertThat(kept.headers().firstValue("X-Correlation-ID")).contains("portal-42");
		String generated = replaced.headers().firstValue("X-Correlation-ID").orElseThrow();
		assertThat(generated).hasSize(36).isNotEqualTo("x".repeat(200));
		assertThat(json(replaced).get("correlationId").asString()).isEqualTo(generated);
	}

}
