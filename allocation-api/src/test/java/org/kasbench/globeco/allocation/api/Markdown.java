package org.kasbench.globeco.allocation.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the doc-checking tests read of a Markdown page: its code spans and its tables. */
final class Markdown {

	private static final Pattern FENCED_BLOCK = Pattern.compile("(?s)```.*?```");

	private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

	private Markdown() {
	}

	/**
	 * The text between backticks, outside fenced blocks; a span may break across lines.
	 */
	static List<String> codeSpans(String markdown) {
		return CODE_SPAN.matcher(FENCED_BLOCK.matcher(markdown).replaceAll(""))
			.results()
			.map(span -> span.group(1))
			.toList();
	}

	/**
	 * The cells of the rows of every table whose first column has the heading given; the
	 * page must have one.
	 */
	static List<List<String>> tableRows(String markdown, String firstHeading) {
		List<List<String>> rows = new ArrayList<>();
		boolean inTable = false;
		for (String line : markdown.lines().map(String::strip).toList()) {
			List<String> cells = line.startsWith("|")
					? Arrays.stream(line.substring(1).split("\\|")).map(String::strip).toList() : List.of();
			if (cells.isEmpty()) {
				inTable = false;
			}
			else if (cells.get(0).equals(firstHeading)) {
				inTable = true;
			}
			else if (inTable && !cells.get(0).startsWith("---")) {
				rows.add(cells);
			}
		}
		assertThat(rows).as("rows of a table headed | %s |", firstHeading).isNotEmpty();
		return rows;
	}

}
