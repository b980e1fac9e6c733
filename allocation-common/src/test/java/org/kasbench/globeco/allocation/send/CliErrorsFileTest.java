package org.kasbench.globeco.allocation.send;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kasbench.globeco.allocation.send.domain.CliErrorClassifier;
import org.kasbench.globeco.allocation.send.domain.RowOutcome;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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

		List<RowOutcome> outcomes = CliErrorsFile
			.read(errorsFile(List.<String[]>of(new String[] { sourceId, message })), DEFAULT_RULES)
			.outcomes();

		assertThat(outcomes).singleElement().extracting(RowOutcome::verdict).isEqualTo(expected);
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

		List<RowOutcome> outcomes = CliErrorsFile.read(errorsFile(List.<String[]>of(new String[] { "AC1", message },
				new String[] { "AC2", message }, new String[] { "AC3", message })), DEFAULT_RULES)
			.outcomes();

		assertThat(outcomes).containsExactly(
				new RowOutcome(2, RowVerdict.DELIVERED_EARLIER, "sourceId: source ID must be unique"), new RowOutcome(3,
						RowVerdict.REFUSED, "transaction: transaction validation failed: [quantity cannot be zero]"));
	}

	@Test
	void anUnreadable207BodyOrAnUnknownMessageMeansSendAgain() throws IOException {
		List<RowOutcome> outcomes = CliErrorsFile
			.read(errorsFile(List.<String[]>of(new String[] { "AC1", "HTTP 207: {not json" },
					new String[] { "AC2", "something nobody has seen before" },
					new String[] { "XY9", "sourceId: not ours" })), DEFAULT_RULES)
			.outcomes();

		assertThat(outcomes).extracting(RowOutcome::executionId, RowOutcome::verdict)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, RowVerdict.NOT_DELIVERED),
					org.assertj.core.groups.Tuple.tuple(2, RowVerdict.NOT_DELIVERED));
	}

	@Test
	void noErrorsFileMeansEveryRowWasDelivered() {
		assertThat(CliErrorsFile.read(dir.resolve("absent.csv.errors.csv"), DEFAULT_RULES).outcomes()).isEmpty();
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
