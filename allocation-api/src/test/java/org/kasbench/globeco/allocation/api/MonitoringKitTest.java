package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring kit ({@code monitoring/}) against the service: every metric a dashboard
 * panel or a rule names is on {@code /metrics} after an ingest and a send, and every
 * alert says what it is and links to its section of the runbook.
 */
class MonitoringKitTest extends ApiTestSupport {

	/** Surefire runs in the module directory; the kit is at the repository root. */
	static final Path RULES = Path.of("..", "monitoring", "prometheus", "allocation-rules.yml");

	private static final Path DASHBOARD = Path.of("..", "monitoring", "grafana", "allocation-service.json");

	private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");

	/** Series Prometheus makes itself rather than scrapes. */
	private static final Set<String> SYNTHETIC = Set.of("up");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}|\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left",
			"group_right", "inf", "nan");

	@Test
	void everyMetricThatAPanelOrARuleNamesIsPublished() throws IOException {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()).replace("\"BUY\"", "\"HOLD\"") + "]");
		assertThat(postJson("/api/v1/executions/send", "{}").statusCode()).isEqualTo(200);
		// GC pauses are published from the first collection on.
		System.gc();

		Set<String> named = new TreeSet<>();
		queries().forEach(query -> named.addAll(metricsNamedBy(query)));
		named.removeAll(SYNTHETIC);
		named.removeAll(recordedNames());
		assertThat(named).as("metrics named by the kit")
			.contains("http_server_requests_seconds_bucket", "allocation_delivery_oldest_undelivered_age_seconds",
					"jvm_gc_pause_seconds_sum");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(named).as("metrics named by the dashboard or the rules but not published")
				.isSubsetOf(publishedNames()));
	}

	@Test
	void metricNamesAreFoundInTheQueriesAndNotFunctionsLabelsOrDurations() {
		assertThat(metricsNamedBy(
				"histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job=\"$job\",uri=~\"/api/.*\"}[$__rate_interval])))"
						+ " / on (uri) group_left max(up{job=\"x\"}) > bool 1 and uri:slow:ratio_rate5m"))
			.containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "up", "uri:slow:ratio_rate5m");
	}

	@Test
	void everyAlertHasASeveritySummaryDescriptionAndARunbookSectionThatExists() throws IOException {
		Set<String> sections = Files.readAllLines(RUNBOOK)
			.stream()
			.filter(line -> line.startsWith("## "))
			.map(line -> line.substring(3).trim().toLowerCase().replace(' ', '-'))
			.collect(Collectors.toSet());
		List<Map<String, Object>> alerts = rules().stream().filter(rule -> rule.containsKey("alert")).toList();
		assertThat(alerts).extracting(rule -> rule.get("alert"))
			.contains("AllocationDeliveryObjectiveMissed", "AllocationBatchesNeedAttention", "AllocationSendFailures",
					"AllocationTradeServiceCircuitOpen", "AllocationTradeServiceErrors", "AllocationHigh5xxRatio",
					"AllocationLatencyBudgetFastBurn", "AllocationLatencyBudgetSlowBurn", "AllocationTargetAbsent");
		for (Map<String, Object> alert : alerts) {
			@SuppressWarnings("unchecked")
			Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
			@SuppressWarnings("unchecked")
			Map<String, String> labels = (Map<String, String>) alert.get("labels");
			assertThat(labels).as("%s", alert.get("alert")).containsKey("severity");
			assertThat(labels.get("severity")).isIn("page", "ticket");
			assertThat(annotations).as("%s", alert.get("alert")).containsKeys("summary", "description", "runbook_url");
			String url = annotations.get("runbook_url");
			assertThat(url).as("%s", alert.get("alert")).contains("/docs/runbook.md#");
			assertThat(sections).as("the runbook section of %s", alert.get("alert"))
				.contains(url.substring(url.indexOf('#') + 1));
		}
	}

	/** The metric names a PromQL expression selects. */
	static Set<String> metricsNamedBy(String query) {
		String bare = STRING.matcher(query).replaceAll("\"\"");
		bare = MATCHERS.matcher(bare).replaceAll(" ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			String token = identifier.group();
			boolean partOfANumber = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
			if (!KEYWORDS.contains(token) && !partOfANumber) {
				names.add(token);
			}
		}
		return names;
	}

	private List<String> queries() throws IOException {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : JSON.readTree(Files.readString(DASHBOARD)).get("panels")) {
			JsonNode targets = panel.path("targets");
			targets.forEach(target -> queries.add(target.get("expr").asString()));
		}
		rules().forEach(rule -> queries.add((String) rule.get("expr")));
		return queries;
	}

	private static Set<String> recordedNames() throws IOException {
		return rules().stream()
			.map(rule -> (String) rule.get("record"))
			.filter(name -> name != null)
			.collect(Collectors.toSet());
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> rules() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(RULES));
		return ((List<Map<String, Object>>) file.get("groups")).stream()
			.flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
			.toList();
	}

	private Set<String> publishedNames() {
		String metrics = send(HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain").GET().build())
			.body();
		return metrics.lines()
			.filter(line -> !line.startsWith("#") && !line.isBlank())
			.map(line -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

}
