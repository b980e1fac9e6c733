package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.domain.CliErrorClassifier;
import org.kasbench.globeco.allocation.send.domain.PortfolioAccountingTransaction;
import org.kasbench.globeco.allocation.send.domain.RowOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code <file>.errors.csv} (the seven input columns plus error_message) into row
 * verdicts. A row it does not name was delivered.
 *
 * <p>
 * Portfolio Accounting answers a chunk in which only some rows failed with 207 and a body
 * listing the failed ones; the real CLI, which takes only 200 and 201 as success, then
 * writes {@code HTTP 207: <body>} for every row of the chunk. Such a row's verdict is
 * read from the body: absent from its {@code failed} list means delivered, present means
 * the verdict of its own errors ({@code field: message}, joined with {@code ; }).
 */
final class CliErrorsFile {

	private static final Logger log = LoggerFactory.getLogger(CliErrorsFile.class);

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MULTI_STATUS = Pattern.compile("^HTTP 207: (\\{.*})$", Pattern.DOTALL);

	private CliErrorsFile() {
	}

	/**
	 * The rows of the errors file that were not delivered by this run, each with its
	 * verdict.
	 */
	static List<RowOutcome> outcomes(Path errorsFile, CliErrorClassifier classifier) {
		List<RowOutcome> outcomes = new ArrayList<>();
		Map<String, Optional<Map<String, String>>> multiStatusBodies = new HashMap<>();
		for (Map<String, String> row : rows(errorsFile)) {
			String sourceId = value(row, "source_id");
			String message = value(row, "error_message");
			int executionId = PortfolioAccountingTransaction.executionId(sourceId);
			if (executionId < 0) {
				log.warn("The errors file {} names a source id that is not ours: '{}'", errorsFile.getFileName(),
						sourceId);
				continue;
			}
			Optional<Map<String, String>> failedInChunk = multiStatus(message, multiStatusBodies);
			if (failedInChunk.isPresent() && !failedInChunk.get().containsKey(sourceId)) {
				continue; // not among the chunk's failed rows: delivered
			}
			String verdictText = failedInChunk.map(failed -> failed.get(sourceId)).orElse(message);
			outcomes.add(new RowOutcome(executionId, classifier.classify(verdictText), verdictText));
		}
		return outcomes;
	}

	/**
	 * For an {@code HTTP 207} message whose body can be read: the errors of each failed
	 * source id. Parsed once per distinct body (every row of a chunk carries the same
	 * one). Empty for any other message or an unreadable body.
	 */
	private static Optional<Map<String, String>> multiStatus(String message,
			Map<String, Optional<Map<String, String>>> parsed) {
		Matcher m = MULTI_STATUS.matcher(message);
		return m.matches() ? parsed.computeIfAbsent(m.group(1), CliErrorsFile::failedRows) : Optional.empty();
	}

	private static Optional<Map<String, String>> failedRows(String body) {
		Map<String, String> failed = new HashMap<>();
		try {
			JsonNode root = JSON.readTree(body);
			if (!root.isObject()) {
				return Optional.empty();
			}
			for (JsonNode entry : root.path("failed")) {
				String sourceId = entry.path("transaction").path("sourceId").asString("");
				String errors = java.util.stream.StreamSupport.stream(entry.path("errors").spliterator(), false)
					.map(e -> e.path("field").asString("") + ": " + e.path("message").asString(""))
					.collect(Collectors.joining("; "));
				failed.put(sourceId, errors.isEmpty() ? "(no reason given)" : errors);
			}
		}
		catch (JacksonException e) {
			log.warn("An HTTP 207 body in the errors file cannot be read; its rows count as not delivered: {}",
					e.getOriginalMessage());
			return Optional.empty();
		}
		return Optional.of(failed);
	}

	private static List<Map<String, String>> rows(Path errorsFile) {
		if (!Files.exists(errorsFile)) {
			return List.of();
		}
		try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader().withColumnReordering(true))
			.readValues(errorsFile.toFile())) {
			return rows.readAll();
		}
	}

	/**
	 * Header names are matched case-insensitively after trimming, as the CLI itself does.
	 */
	private static String value(Map<String, String> row, String column) {
		return row.entrySet()
			.stream()
			.filter(e -> e.getKey().trim().equalsIgnoreCase(column))
			.map(e -> e.getValue() == null ? "" : e.getValue().trim())
			.findFirst()
			.orElse("");
	}

}
