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
	 * What the errors file says: the rows not delivered by this run with their verdicts,
	 * and how many lines it has.
	 */
	record Reading(List<RowOutcome> outcomes, int lines) {
	}

	/**
	 * Streams the errors file (the real CLI copies a whole 207 body into every row of its
	 * chunk, so the file can be hundreds of megabytes); only the body of the chunk being
	 * read is kept parsed.
	 */
	static Reading read(Path errorsFile, CliErrorClassifier classifier) {
		if (!Files.exists(errorsFile)) {
			return new Reading(List.of(), 0);
		}
		List<RowOutcome> outcomes = new ArrayList<>();
		int lines = 0;
		String body = null;
		Optional<Map<String, String>> failedInChunk = Optional.empty();
		try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader().withColumnReordering(true))
			.readValues(errorsFile.toFile())) {
			while (rows.hasNext()) {
				Map<String, String> row = rows.next();
				lines++;
				String sourceId = value(row, "source_id");
				String message = value(row, "error_message");
				int executionId = PortfolioAccountingTransaction.executionId(sourceId);
				if (executionId < 0) {
					log.warn("The errors file {} names a source id that is not ours: '{}'", errorsFile.getFileName(),
							sourceId);
					continue;
				}
				Matcher multiStatus = MULTI_STATUS.matcher(message);
				if (!multiStatus.matches()) {
					outcomes.add(new RowOutcome(executionId, classifier.classify(message), message));
					continue;
				}
				if (!multiStatus.group(1).equals(body)) {
					body = multiStatus.group(1);
					failedInChunk = failedRows(body);
				}
				if (failedInChunk.isEmpty()) {
					outcomes.add(new RowOutcome(executionId, classifier.classify(message), message));
				}
				else if (failedInChunk.get().containsKey(sourceId)) {
					String own = failedInChunk.get().get(sourceId);
					outcomes.add(new RowOutcome(executionId, classifier.classify(own), own));
				} // else: not among the chunk's failed rows, so delivered
			}
		}
		return new Reading(outcomes, lines);
	}

	/**
	 * The errors of each failed source id of a 207 body; empty when the body cannot be
	 * read.
	 */
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
