package org.kasbench.globeco.allocation.api;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route tables of the README and {@code docs/api.md}, and the operation ids
 * {@code docs/api.md} lists (the camelCase code spans of its list item <b>Operation
 * ids</b>), against the OpenAPI document the service serves. The document is read as
 * committed: {@link OpenApiContractTest} fails when the committed copy is not the served
 * one, so this test needs no running service.
 * <p>
 * A route table is a Markdown table whose first column is headed {@code method and
 * path}. Every code span of that column of the form {@code METHOD /path} is a route; a
 * code span that is an {@code /api/} path without a method is an error (say which
 * method); other paths ({@code /healthz}, {@code /metrics}, ...) are management
 * endpoints, which the document leaves out, and are not checked. Every operation of the
 * document is a route of every table, once, and every route of a table is an operation.
 */
class RouteTableDocTest {

	/** Surefire runs in the module directory; the docs are at the repository root. */
	private static final Path API_PAGE = Path.of("..", "docs", "api.md");

	private static final List<Path> PAGES_WITH_A_ROUTE_TABLE = List.of(Path.of("..", "README.md"), API_PAGE);

	private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final Pattern ROUTE = Pattern.compile("[A-Z]+ /\\S*");

	private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z]*");

	private static final Pattern OPERATION_IDS_ITEM = Pattern.compile("(?s)\\n- \\*\\*Operation ids\\*\\*(.*?)\\n- ");

	@Test
	void everyRouteTableHasEveryServedOperationAndNoOther() throws IOException {
		Set<String> served = servedOperations().keySet();
		assertThat(served).as("operations of the committed document").contains("POST /api/v1/batches/{id}/retry");
		SoftAssertions pages = new SoftAssertions();
		for (Path page : PAGES_WITH_A_ROUTE_TABLE) {
			pages.assertThat(routeTable(Files.readString(page)))
				.as("the routes of %s's route table against the served OpenAPI document", page)
				.containsExactlyInAnyOrderElementsOf(served);
		}
		pages.assertAll();
	}

	@Test
	void theApiPageListsEveryOperationIdAndNoOther() throws IOException {
		Matcher item = OPERATION_IDS_ITEM.matcher(Files.readString(API_PAGE));
		assertThat(item.find()).as("the list item **Operation ids** of %s", API_PAGE).isTrue();
		Set<String> listed = new TreeSet<>();
		Markdown.codeSpans(item.group(1))
			.stream()
			.filter(code -> OPERATION_ID.matcher(code).matches())
			.forEach(listed::add);
		Set<String> served = new TreeSet<>();
		servedOperations().values().forEach(operation -> served.add(operation.path("operationId").asString()));
		assertThat(listed).as("the operation ids %s lists", API_PAGE).isEqualTo(served);
	}

	@Test
	void aRouteTableIsReadFromItsFirstColumnOnly() {
		String page = """
				Text with `GET /not/a/route`.

				| method and path | what it does |
				| --- | --- |
				| `GET /api/v1/a`, `POST /api/v1/a/{id}` | `DELETE /described/not/routed` |
				| `/api/v1/b` | a path without its method |
				| `/healthz`, `/metrics` | management |

				| path | another table |
				| --- | --- |
				| `GET /api/v1/c` | not a route table |
				""";
		assertThat(routeTable(page)).containsExactly("GET /api/v1/a", "POST /api/v1/a/{id}", "(no method) /api/v1/b");
	}

	/** The routes of the route table of a page, in its order. */
	static List<String> routeTable(String page) {
		List<String> routes = new ArrayList<>();
		for (List<String> row : Markdown.tableRows(page, "method and path")) {
			for (String code : Markdown.codeSpans(row.get(0))) {
				if (ROUTE.matcher(code).matches()) {
					routes.add(code);
				}
				else if (code.startsWith("/api/")) {
					routes.add("(no method) " + code);
				}
			}
		}
		return routes;
	}

	/** The operations of the committed document by {@code METHOD /path}. */
	private static Map<String, JsonNode> servedOperations() throws IOException {
		JsonNode document = JsonMapper.builder().build().readTree(Files.readString(OpenApiContractTest.COMMITTED));
		Map<String, JsonNode> operations = new TreeMap<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (HTTP_METHODS.contains(operation.getKey())) {
					operations.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
							operation.getValue());
				}
			}
		}
		return operations;
	}

}
