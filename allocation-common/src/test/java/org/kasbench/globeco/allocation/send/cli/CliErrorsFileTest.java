package org.kasbench.globeco.allocation.send.cli;

import org.kasbench.globeco.allocation.send.SendProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kasbench.globeco.allocation.send.domain.CliErrorClassifier;
import org.kasbench.globeco.allocation.send.domain.ErrorsFileLine;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The default verdict rules against a corpus of the real CLI's and Portfolio Accounting's
 * error messages.
 */
class CliErrorsFileTest {

	static final CliErrorClassifier DEFAULT_RULES = defaultRules();

	private static final Pattern FIRST_FAILED_SOURCE_ID = Pattern.compile("\"sourceId\":\"(AC\\d+)\"");

	@TempDir
	Path dir;

	static Stream<Arguments> corpus() throws IOException {
		try (var in = Objects.requireNonNull(CliErrorsFileTest.class.getResourceAsStream("/cli-error-messages.tsv"))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(l -> !l.isBlank())
				.map(l -> l.split("\t", 2))
				.map(f -> Arguments.of(RowVerdict.valueOf(f[0]), f[1]))
				.toList()
				.stream();
		}
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("corpus")
	void everyRealMessageGetsItsVerdict(RowVerdict expected, String message) throws IOException {
		// A 207 line is about the row it names in its body; any other line about
		// whichever row carries it.
		Matcher named = FIRST_FAILED_SOURCE_ID.matcher(message);
		String sourceId = message.startsWith("HTTP 207: ") && named.find() ? named.group(1) : "AC7";

		List<ErrorsFileLine> lines = read(errorsFile(List.<String[]>of(new String[] { sourceId, message })), 1);

		assertThat(lines).singleElement().extracting(ErrorsFileLine::verdict).isEqualTo(expected);
	}

	@Test
	void aChunkAnswered207HasEachRowJudgedByTheBody() throws IOException {
		String body = """
				{"successful":[{"sourceId":"AC1"}],"failed":[\
				{"transaction":{"sourceId":"AC2"},"errors":[{"field":"sourceId","message":"source ID must be unique","value":"AC2"}]},\
				{"transaction":{"sourceId":"AC3"},"errors":[{"field":"transaction","message":"transaction validation failed: [quantity cannot be zero]","value":"index_2"}]}],\
				"summary":{"totalRequested":3,"successful":1,"failed":2,"successRate":33.3}}
				""";
		String message = "HTTP 207: " + body;

		List<ErrorsFileLine> lines = read(errorsFile(List.<String[]>of(new String[] { "AC1", message },
				new String[] { "AC2", message }, new String[] { "AC3", message })), 3);

		assertThat(lines)
			.extracting(ErrorsFileLine::line, ErrorsFileLine::sourceId, ErrorsFileLine::verdict,
					ErrorsFileLine::errorMessage)
			.as("each line where it starts in the file: the body ends with a line break")
			.containsExactly(tuple(2L, "AC1", null, null),
					tuple(4L, "AC2", RowVerdict.DELIVERED_EARLIER, "sourceId: source ID must be unique"),
					tuple(6L, "AC3", RowVerdict.REFUSED,
							"transaction: transaction validation failed: [quantity cannot be zero]"));
	}

	@Test
	void anUnreadable207BodyOrAnUnknownMessageMeansSendAgain() throws IOException {
		List<ErrorsFileLine> lines = read(errorsFile(List.<String[]>of(new String[] { "AC1", "HTTP 207: {not json" },
				new String[] { "AC2", "something nobody has seen before" })), 2);

		assertThat(lines).extracting(ErrorsFileLine::sourceId, ErrorsFileLine::verdict)
			.containsExactly(tuple("AC1", RowVerdict.NOT_DELIVERED), tuple("AC2", RowVerdict.NOT_DELIVERED));
	}

	@Test
	void noErrorsFileMeansEveryRowWasDeliveredWhenTheSummaryCountsNoErrors() {
		assertThat(read(dir.resolve("absent.csv.errors.csv"), 0)).isEmpty();
	}

	@Test
	void numbersAreComparedAsTheFileWritesThem() throws IOException {
		Path file = Files.writeString(dir.resolve("n.csv.errors.csv"), String.join(",", CliErrorsFile.HEADER)
				+ "\n684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,AC1,BUY,1e+06,190.40960000,20250527,x\n");

		assertThat(read(file, 1)).singleElement()
			.extracting(ErrorsFileLine::columns)
			.isEqualTo(List.of("684f125ac19ad4fb89bc14ba", "68336002fe95851f0a2aeda9", "AC1", "BUY", "1000000",
					"190.4096", "20250527"));
	}

	/** Every line of a file of {@code count} lines, with a summary that counts them. */
	private static List<ErrorsFileLine> read(Path errorsFile, int count) {
		List<ErrorsFileLine> lines = new ArrayList<>();
		new CliErrorsFile(errorsFile, DEFAULT_RULES, new CliSummary(count, 0, count), count).forEach(lines::add);
		return lines;
	}

	private Path errorsFile(List<String[]> rows) throws IOException {
		StringBuilder csv = new StringBuilder(
				"portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date,error_message\n");
		for (String[] row : rows) {
			csv.append("684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,")
				.append(row[0])
				.append(",BUY,10,1.5,20250527,\"")
				.append(row[1].replace("\"", "\"\""))
				.append("\"\n");
		}
		return Files.writeString(dir.resolve("f.csv.errors.csv"), csv);
	}

	private static CliErrorClassifier defaultRules() {
		SendProperties.Verdict rules = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("allocation.send", SendProperties.class)
			.verdict();
		return new CliErrorClassifier(rules.notDelivered(), rules.deliveredEarlier(), rules.refused());
	}

}
