package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.ErrorsFileLine;
import org.kasbench.globeco.allocation.send.domain.ErrorsFileLines;
import org.kasbench.globeco.allocation.send.domain.UnverifiableCliOutputException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stages an attempt's output for its verdict, inside the verdict's transaction: the
 * errors file's lines are streamed into the temporary table {@value #LINES} and, when
 * there are any, the attempt's own file into {@code attempt_row}, both with COPY and
 * dropped at commit. PostgreSQL then checks what no Java collection the size of a batch
 * should hold: every line names a row of this attempt's file, none twice, and repeats
 * that row column for column (the CLI copies the row it read, so a line naming the wrong
 * row shows). Comparing with the file itself, not with the executions, checks exactly
 * what the CLI was given.
 */
final class VerdictStaging {

	/** The checked lines: {@code line, source_id, verdict, error_message}, and more. */
	static final String LINES = "errors_file_line";

	private static final List<String> COLUMNS = List.of("portfolio_id", "security_id", "source_id", "transaction_type",
			"quantity", "price", "transaction_date");

	private static final String COLUMN_LIST = String.join(", ", COLUMNS);

	private final JdbcTemplate jdbc;

	VerdictStaging(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stages and checks; must run in a transaction.
	 * @throws UnverifiableCliOutputException when the output does not check out
	 */
	void stage(Path attemptFile, ErrorsFileLines errors) {
		jdbc.execute(
				"CREATE TEMPORARY TABLE attempt_row (" + COLUMN_LIST.replace(",", " text,") + " text) ON COMMIT DROP");
		jdbc.execute("CREATE TEMPORARY TABLE " + LINES + " (line bigint, " + COLUMN_LIST.replace(",", " text,")
				+ " text, verdict text, error_message text) ON COMMIT DROP");
		long lines = copy(
				"COPY " + LINES + " (line, " + COLUMN_LIST + ", verdict, error_message)" + " FROM STDIN (FORMAT csv)",
				errors);
		if (lines == 0) {
			return;
		}
		jdbc.execute((ConnectionCallback<Long>) c -> {
			try (InputStream file = Files.newInputStream(attemptFile)) {
				return c.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY attempt_row FROM STDIN (FORMAT csv, HEADER true)", file);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		jdbc.execute("ANALYZE attempt_row");
		jdbc.execute("ANALYZE " + LINES);
		firstProblem(errors.name()).ifPresent(problem -> {
			throw new UnverifiableCliOutputException(problem);
		});
	}

	private long copy(String sql, ErrorsFileLines errors) {
		return jdbc.execute((ConnectionCallback<Long>) c -> {
			PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql);
			try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8))) {
				return errors.forEach(line -> write(out, line));
			}
			catch (RuntimeException | IOException e) {
				cancel(copy);
				throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
			}
		});
	}

	private static void write(Writer out, ErrorsFileLine line) {
		try {
			out.write(Long.toString(line.line()));
			for (String column : line.columns()) {
				out.write(',');
				out.write(quoted(column));
			}
			out.write(',');
			out.write(line.verdict() == null ? "" : line.verdict().name());
			out.write(',');
			out.write(line.errorMessage() == null ? "" : quoted(line.errorMessage()));
			out.write('\n');
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Quoted, so an empty value is an empty string and never NULL. */
	private static String quoted(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	private static void cancel(PGCopyOutputStream copy) {
		try {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
		catch (SQLException e) {
			// the transaction is rolled back either way
		}
	}

	/** The first line, by position in the file, that does not check out, and why. */
	private Optional<String> firstProblem(String errorsFile) {
		return jdbc.query("SELECT l.line, l.first_line, r.source_id IS NULL AS stranger, " + columns("l.", "") + ", "
				+ columns("r.", " AS file_%s")
				+ " FROM (SELECT *, min(line) OVER (PARTITION BY source_id) AS first_line" + " FROM " + LINES
				+ ") l LEFT JOIN attempt_row r ON r.source_id = l.source_id"
				+ " WHERE r.source_id IS NULL OR l.line > l.first_line OR (" + columns("l.", "")
				+ ") IS DISTINCT FROM (" + columns("r.", "") + ") ORDER BY l.line LIMIT 1", rs -> {
					if (!rs.next()) {
						return Optional.empty();
					}
					String where = errorsFile + " line " + rs.getLong("line") + " ";
					String sourceId = rs.getString("source_id");
					if (rs.getBoolean("stranger")) {
						return Optional.of(where + "names source id '" + abbreviated(sourceId)
								+ "', which is not a row of this attempt's file");
					}
					if (rs.getLong("line") > rs.getLong("first_line")) {
						return Optional.of(where + "names " + sourceId + " again (first on line "
								+ rs.getLong("first_line") + ")");
					}
					for (String column : COLUMNS) {
						String named = rs.getString(column);
						String written = rs.getString("file_" + column);
						if (!named.equals(written)) {
							return Optional.of(where + "does not repeat the attempt's row " + sourceId + ": its "
									+ column + " is '" + abbreviated(named) + "' where the file has '" + written + "'");
						}
					}
					return Optional.of(where + "does not repeat the attempt's row " + sourceId);
				});
	}

	/** {@code prefix} and each column, with {@code alias} formatted with the column. */
	private static String columns(String prefix, String alias) {
		return String.join(", ", COLUMNS.stream().map(c -> prefix + c + alias.formatted(c)).toList());
	}

	private static String abbreviated(String value) {
		return value.length() <= 100 ? value : value.substring(0, 100) + "...";
	}

}
