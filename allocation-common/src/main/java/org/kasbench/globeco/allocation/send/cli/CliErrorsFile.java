package org.kasbench.globeco.allocation.send.cli;

import org.kasbench.globeco.allocation.send.domain.CliErrorClassifier;
import org.kasbench.globeco.allocation.send.domain.ErrorsFileLine;
import org.kasbench.globeco.allocation.send.domain.ErrorsFileLines;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.UnverifiableCliOutputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads {@code <file>.errors.csv} (the seven input columns plus error_message) strictly,
 * as a stream, into one {@link ErrorsFileLine} per line; a row it does not name was
 * delivered. Nothing it cannot fully read gives a verdict: the header must be the CLI's,
 * every line must have its eight columns with its quotes closed and end with a line break
 * (the CLI's writer ends every line with one, so a file cut by a full disk shows), the
 * file must be UTF-8 without NUL characters, and the number of lines must be the
 * summary's {@code Error Records}. Whether each line names a row of this attempt, once,
 * and repeats that row is checked against the attempt's file by the repository.
 *
 * <p>
 * Portfolio Accounting answers a chunk in which only some rows failed with 207 and a body
 * listing the failed ones; the real CLI, which takes only 200 and 201 as success, then
 * writes {@code HTTP 207: <body>} for every row of the chunk. Such a row's verdict is
 * read from the body: absent from its {@code failed} list means delivered, present means
 * the verdict of its own errors ({@code field: message}, joined with {@code ; }). Only
 * the body of the chunk being read is kept parsed.
 */
public final class CliErrorsFile implements ErrorsFileLines {

	private static final Logger log = LoggerFactory.getLogger(CliErrorsFile.class);

	static final List<String> HEADER = Stream
		.concat(Stream.of(CliFileFormat.HEADER.split(",")), Stream.of("error_message"))
		.toList();

	private static final int QUANTITY = 4;

	private static final int PRICE = 5;

	/** Beyond this exponent a number is not one the attempt's file could hold. */
	private static final int MAX_SCALE = 100;

	private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MULTI_STATUS = Pattern.compile("^HTTP 207: (\\{.*})$", Pattern.DOTALL);

	private final Path path;

	private final CliErrorClassifier classifier;

	private final CliSummary summary;

	private final long rowsInFile;

	private final Map<RowVerdict, Long> verdictCounts = new EnumMap<>(RowVerdict.class);

	/**
	 * @param summary what the CLI printed; it must account for {@code rowsInFile} and for
	 * every line of the file
	 */
	public CliErrorsFile(Path path, CliErrorClassifier classifier, CliSummary summary, long rowsInFile) {
		this.path = path;
		this.classifier = classifier;
		this.summary = summary;
		this.rowsInFile = rowsInFile;
	}

	@Override
	public String name() {
		return path.getFileName().toString();
	}

	/**
	 * How many lines gave each verdict in the last {@link #forEach}; delivered rows of
	 * 207 chunks are not counted.
	 */
	public Map<RowVerdict, Long> verdictCounts() {
		return verdictCounts;
	}

	@Override
	public long forEach(Consumer<ErrorsFileLine> sink) {
		long lines = Files.exists(path) ? readLines(sink) : 0;
		summary.disagreement(rowsInFile, lines).ifPresent(why -> {
			throw new UnverifiableCliOutputException(why);
		});
		return lines;
	}

	private long readLines(Consumer<ErrorsFileLine> sink) {
		long line = 1;
		long lastLine = 1;
		long count = 0;
		verdictCounts.clear();
		Chunk chunk = new Chunk(null, Optional.empty());
		try (InputStream in = Files.newInputStream(path);
				MappingIterator<List<String>> rows = CSV.readerFor(List.class).readValues(in)) {
			if (!rows.hasNext() || !isHeader(rows.next())) {
				throw unverifiable(line, "is not the CLI's header " + String.join(",", HEADER));
			}
			line = rows.parser().currentLocation().getLineNr();
			while (rows.hasNext()) {
				List<String> row = rows.next();
				lastLine = line;
				if (row.size() != HEADER.size()) {
					throw unverifiable(line, "has " + row.size() + (row.size() == 1 ? " column" : " columns")
							+ " where the CLI writes " + HEADER.size() + ": cut short or malformed");
				}
				if (row.stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
					throw unverifiable(line, "holds a NUL character");
				}
				String message = row.get(HEADER.size() - 1).strip();
				chunk = chunk.of(message);
				ErrorsFileLine verdict = verdict(line, row, message, chunk);
				if (verdict.verdict() != null) {
					verdictCounts.merge(verdict.verdict(), 1L, Long::sum);
				}
				sink.accept(verdict);
				count++;
				line = rows.parser().currentLocation().getLineNr();
			}
		}
		catch (JacksonException e) {
			throw unverifiable(line, e.getCause() instanceof CharConversionException notUtf8
					? "is not UTF-8: " + notUtf8.getMessage() : "is not well-formed CSV: " + e.getOriginalMessage());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (!endsWithALineBreak()) {
			throw unverifiable(lastLine, "is cut short: the file ends inside it, without a line break");
		}
		return count;
	}

	private ErrorsFileLine verdict(long line, List<String> row, String message, Chunk chunk) {
		List<String> columns = new ArrayList<>(row.subList(0, HEADER.size() - 1));
		columns.set(QUANTITY, plain(columns.get(QUANTITY)));
		columns.set(PRICE, plain(columns.get(PRICE)));
		if (!MULTI_STATUS.matcher(message).matches() || chunk.failed().isEmpty()) {
			return new ErrorsFileLine(line, columns, classifier.classify(message), message);
		}
		String own = chunk.failed().get().get(columns.get(2));
		return own == null ? new ErrorsFileLine(line, columns, null, null) // delivered
				: new ErrorsFileLine(line, columns, classifier.classify(own), own);
	}

	/**
	 * A number as the attempt's file writes it, so the comparison is exact whatever
	 * notation the CLI copied; anything else as it stands (it will not match).
	 */
	private static String plain(String value) {
		try {
			BigDecimal number = new BigDecimal(value);
			return Math.abs(number.scale()) > MAX_SCALE ? value : CliFileFormat.plain(number);
		}
		catch (NumberFormatException e) {
			return value;
		}
	}

	private boolean endsWithALineBreak() {
		try (FileChannel file = FileChannel.open(path)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			return file.size() > 0 && file.read(last, file.size() - 1) == 1 && last.get(0) == '\n';
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static boolean isHeader(List<String> names) {
		return names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList().equals(HEADER);
	}

	private UnverifiableCliOutputException unverifiable(long line, String what) {
		return new UnverifiableCliOutputException(name() + " line " + line + " " + what);
	}

	/**
	 * The 207 body of the chunk being read and its failed rows (empty when the body
	 * cannot be read: then they all count as not delivered).
	 */
	private record Chunk(String body, Optional<Map<String, String>> failed) {

		Chunk of(String message) {
			Matcher multiStatus = MULTI_STATUS.matcher(message);
			if (!multiStatus.matches() || multiStatus.group(1).equals(body)) {
				return this;
			}
			return new Chunk(multiStatus.group(1), failedRows(multiStatus.group(1)));
		}

		/** The errors of each failed source id of a 207 body. */
		private static Optional<Map<String, String>> failedRows(String body) {
			Map<String, String> failed = new HashMap<>();
			try {
				JsonNode root = JSON.readTree(body);
				if (!root.isObject()) {
					return Optional.empty();
				}
				for (JsonNode entry : root.path("failed")) {
					String sourceId = entry.path("transaction").path("sourceId").asString("");
					String errors = StreamSupport.stream(entry.path("errors").spliterator(), false)
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

	}

}
