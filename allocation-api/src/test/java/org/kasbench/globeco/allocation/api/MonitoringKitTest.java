package org.kasbench.globeco.allocation.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring kit ({@code monitoring/}) and the docs against the service: every metric
 * a dashboard panel, a rule or a doc names is on {@code /metrics} after an ingest and a
 * send, and every alert says what it is and links to its section of the runbook.
 * <p>
 * What counts as a metric in a doc ({@link #DOCS_NAMING_METRICS}; the README names none
 * and links to {@code docs/observability.md}): in a code span (between backticks, outside
 * fenced blocks), a lower-case snake_case word that begins with one of the prefixes of
 * the service's meters ({@link #METRIC_NAME}), the Prometheus name as it is queried. It
 * must be published as a series ({@code allocation_cli_run_seconds_count}) or a family
 * ({@code allocation_cli_run_seconds}, its {@code # TYPE} name); a name ending in
 * {@code _*} stands for every published name it begins. Labels in braces right after the
 * name ({@code {mode,outcome}}, {@code {state="unsent|delivered"}}) must be labels of it
 * (of each name for {@code _*}); label values are not checked. Dotted Micrometer names
 * are settings as often as meters, so only those in the first column of a table headed
 * {@code meter} are meters: the timers that publish histogram buckets, each with the
 * boundaries of its row's second column.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringKitTest extends ApiTestSupport {

	/** Surefire runs in the module directory; the kit is at the repository root. */
	static final Path RULES = Path.of("..", "monitoring", "prometheus", "allocation-rules.yml");

	private static final Path DASHBOARD = Path.of("..", "monitoring", "grafana", "allocation-service.json");

	private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");

	private static final Path OBSERVABILITY = Path.of("..", "docs", "observability.md");

	private static final List<Path> DOCS_NAMING_METRICS = List.of(OBSERVABILITY, RUNBOOK,
			Path.of("..", "docs", "sending.md"), Path.of("..", "k8s", "README.md"));

	/** A metric a doc names, with the labels in braces right after it, if any. */
	private static final Pattern METRIC_NAME = Pattern
		.compile("(?<![\\w.])((?:allocation|application|disk|executor|hikaricp|http_client|http_server|jdbc|jvm|logback"
				+ "|process|resilience4j|spring_batch|system|tomcat)_[a-z0-9_]*[a-z0-9](?:_\\*)?)(?:\\{([^}]*)})?");

	private static final Pattern LABEL = Pattern.compile("^\\s*([a-zA-Z_]\\w*)");

	/** Series Prometheus makes itself rather than scrapes. */
	private static final Set<String> SYNTHETIC = Set.of("up");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}|\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left",
			"group_right", "inf", "nan");

	/**
	 * The traffic after which every metric the kit and the docs name exists: an ingest
	 * that stores, one that fails, and a send.
	 */
	@BeforeAll
	void ingestAndSend() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()).replace("\"BUY\"", "\"HOLD\"") + "]");
		assertThat(postJson("/api/v1/executions/send", "{}").statusCode()).isEqualTo(200);
		// GC pauses are published from the first collection on.
		System.gc();
	}

	@Test
	void everyMetricThatAPanelOrARuleNamesIsPublished() throws IOException {
		Set<String> named = new TreeSet<>();
		queries().forEach(query -> named.addAll(metricsNamedBy(query)));
		named.removeAll(SYNTHETIC);
		named.removeAll(recordedNames());
		assertThat(named).as("metrics named by the kit")
			.contains("http_server_requests_seconds_bucket", "allocation_delivery_oldest_undelivered_age_seconds",
					"jvm_gc_pause_seconds_sum");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(named).as("metrics named by the dashboard or the rules but not published")
				.isSubsetOf(scrape().series().keySet()));
	}

	@Test
	void everyMetricADocNamesIsPublishedWithTheLabelsItNames() throws IOException {
		Map<Path, Map<String, Set<String>>> namedByDoc = new LinkedHashMap<>();
		for (Path doc : DOCS_NAMING_METRICS) {
			namedByDoc.put(doc, metricsNamedIn(Files.readString(doc)));
		}
		assertThat(namedByDoc.get(OBSERVABILITY)).as("metrics named by %s", OBSERVABILITY)
			.containsKeys("allocation_executions", "hikaricp_connections_*");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Scrape scrape = scrape();
			List<String> wrong = new ArrayList<>();
			namedByDoc.forEach((doc, named) -> named.forEach((name, labels) -> {
				Map<String, Set<String>> published = scrape.labelsOfEvery(name);
				if (published.isEmpty()) {
					wrong.add(doc.getFileName() + ": " + name + " is not published");
				}
				published.forEach((publishedName, present) -> {
					if (!present.containsAll(labels)) {
						wrong.add(doc.getFileName() + ": " + name + labels + ": " + publishedName
								+ " has only the labels " + present);
					}
				});
			}));
			assertThat(wrong).as("metrics the docs name against /metrics").isEmpty();
		});
	}

	@Test
	void theMetersWithHistogramBucketsAreThoseTheObservabilityPageNamesWithTheirBoundaries() throws IOException {
		Map<String, Set<BigDecimal>> documented = new TreeMap<>();
		for (List<String> row : Markdown.tableRows(Files.readString(OBSERVABILITY), "meter")) {
			documented.put(row.get(0).replace("`", "").replace('.', '_') + "_seconds", boundariesInSeconds(row.get(1)));
		}
		assertThat(documented).as("the meters of %s's table", OBSERVABILITY)
			.containsKey("http_server_requests_seconds");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().bucketBoundaries())
				.as("the histogram buckets published against those %s lists", OBSERVABILITY)
				.isEqualTo(documented));
	}

	@Test
	void metricNamesAreFoundInTheQueriesAndNotFunctionsLabelsOrDurations() {
		assertThat(metricsNamedBy(
				"histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job=\"$job\",uri=~\"/api/.*\"}[$__rate_interval])))"
						+ " / on (uri) group_left max(up{job=\"x\"}) > bool 1 and uri:slow:ratio_rate5m"))
			.containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "up", "uri:slow:ratio_rate5m");
	}

	@Test
	void metricNamesAreFoundInCodeSpansWithTheirLabels() {
		String doc = """
				`allocation_executions{state="unsent|in_unfinished_batch", outcome}` and `hikaricp_connections_*{pool}`,
				`sum(rate(http_server_requests_seconds_count{...}[1m]))`; not `allocation.cli.run`, allocation_local_x
				outside a span, `send_row_verdict`, `_bucket{le}` or

				```
				`jvm_in_a_fenced_block`
				```
				""";
		assertThat(metricsNamedIn(doc)).containsOnly(Map.entry("allocation_executions", Set.of("state", "outcome")),
				Map.entry("hikaricp_connections_*", Set.of("pool")),
				Map.entry("http_server_requests_seconds_count", Set.of()));
	}

	@Test
	void boundariesAreReadWithTheUnitThatFollowsThem() {
		assertThat(boundariesInSeconds("5, 10, 500 ms, 1, 2.5 s")).containsExactlyInAnyOrder(new BigDecimal("0.005"),
				new BigDecimal("0.01"), new BigDecimal("0.5"), new BigDecimal("1"), new BigDecimal("2.5"));
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

	/** The metrics named in the code spans of a doc, each with the labels it names. */
	static Map<String, Set<String>> metricsNamedIn(String doc) {
		Map<String, Set<String>> named = new TreeMap<>();
		for (String span : Markdown.codeSpans(doc)) {
			Matcher metric = METRIC_NAME.matcher(span);
			while (metric.find()) {
				Set<String> labels = named.computeIfAbsent(metric.group(1), k -> new TreeSet<>());
				if (metric.group(2) != null) {
					for (String matcher : STRING.matcher(metric.group(2)).replaceAll("\"\"").split(",")) {
						LABEL.matcher(matcher).results().forEach(label -> labels.add(label.group(1)));
					}
				}
			}
		}
		return named;
	}

	/**
	 * {@code 5, 10, 500 ms, 1, 2.5 s} in seconds: each number has the unit that follows
	 * it or the next number.
	 */
	static Set<BigDecimal> boundariesInSeconds(String text) {
		Set<BigDecimal> seconds = new TreeSet<>();
		List<BigDecimal> unitPending = new ArrayList<>();
		for (String item : text.split(",")) {
			String[] numberAndUnit = item.strip().split(" ");
			unitPending.add(new BigDecimal(numberAndUnit[0]));
			if (numberAndUnit.length > 1) {
				int shift = switch (numberAndUnit[1]) {
					case "ms" -> 3;
					case "s" -> 0;
					default -> throw new IllegalArgumentException("unit " + numberAndUnit[1] + " in " + text);
				};
				unitPending.forEach(n -> seconds.add(n.movePointLeft(shift).stripTrailingZeros()));
				unitPending.clear();
			}
		}
		assertThat(unitPending).as("numbers without a unit at the end of %s", text).isEmpty();
		return seconds;
	}

	private Scrape scrape() {
		return Scrape
			.of(send(HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain").GET().build()).body());
	}

	/**
	 * A scrape in Prometheus' text format: the labels of each series name and of each
	 * family (its {@code # TYPE} name, which may be no series' name: a histogram's), and
	 * the {@code le} boundaries of each histogram family but +Inf.
	 */
	record Scrape(Map<String, Set<String>> series, Map<String, Set<String>> families,
			Map<String, Set<BigDecimal>> bucketBoundaries) {

		private static final Pattern LABEL_NAME = Pattern.compile("(\\w+)=\"\"");

		private static final Pattern LE = Pattern.compile("\\ble=\"([^\"]*)\"");

		static Scrape of(String text) {
			Scrape scrape = new Scrape(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
			String family = "";
			for (String line : text.lines().toList()) {
				if (line.startsWith("# TYPE ")) {
					family = line.split(" ")[2];
					scrape.families.putIfAbsent(family, new TreeSet<>());
				}
				else if (!line.startsWith("#") && !line.isBlank()) {
					scrape.add(family, line);
				}
			}
			return scrape;
		}

		private void add(String family, String line) {
			String name = line.split("[{ ]", 2)[0];
			String labelPart = line.charAt(name.length()) == '{'
					? line.substring(name.length(), line.lastIndexOf('}') + 1) : "";
			Set<String> labels = new TreeSet<>();
			LABEL_NAME.matcher(STRING.matcher(labelPart).replaceAll("\"\""))
				.results()
				.forEach(m -> labels.add(m.group(1)));
			series.computeIfAbsent(name, k -> new TreeSet<>()).addAll(labels);
			families.computeIfAbsent(family, k -> new TreeSet<>()).addAll(labels);
			Matcher le = LE.matcher(labelPart);
			if (name.endsWith("_bucket") && le.find() && !le.group(1).equals("+Inf")) {
				bucketBoundaries
					.computeIfAbsent(name.substring(0, name.length() - "_bucket".length()), k -> new TreeSet<>())
					.add(new BigDecimal(le.group(1)).stripTrailingZeros());
			}
		}

		/**
		 * The labels of each published series or family the name stands for: itself, or
		 * with a {@code _*} ending every name it begins.
		 */
		Map<String, Set<String>> labelsOfEvery(String name) {
			Map<String, Set<String>> all = new TreeMap<>(families);
			all.putAll(series);
			if (!name.endsWith("_*")) {
				return all.containsKey(name) ? Map.of(name, all.get(name)) : Map.of();
			}
			String prefix = name.substring(0, name.length() - 1);
			all.keySet().removeIf(published -> !published.startsWith(prefix));
			return all;
		}

	}

}
