package org.kasbench.globeco.allocation.send.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts of the CLI's {@code === Processing Results ===} block. The errors file alone
 * cannot prove a hand-off: the real CLI exits 0 even when it could not create or finish
 * writing that file, and it drops a chunk whose answer it cannot decode from both counts.
 * So a verdict is only taken when the summary accounts for every row.
 */
public record CliSummary(long total, long success, long errors) {

	/**
	 * What the CLI's output says: its one summary, or why no summary in it can be
	 * believed ({@code problem}, then {@code summary} is null).
	 */
	public record Printed(CliSummary summary, String problem) {

		public static Printed none() {
			return new Printed(null, "The CLI printed no processing summary, so which rows got through is unknown");
		}

	}

	/**
	 * Why this summary does not vouch for an attempt's file and errors file; empty when
	 * it does.
	 */
	public Optional<String> disagreement(long rowsInFile, long errorsFileLines) {
		if (total != rowsInFile) {
			return Optional.of("the CLI counted " + total + " records in a file of " + rowsInFile);
		}
		if (errors != errorsFileLines) {
			return Optional
				.of("the CLI reported " + errors + " error records but its errors file has " + errorsFileLines);
		}
		if (success + errors != total) {
			return Optional.of("the CLI accounted for " + (success + errors) + " of " + total + " records");
		}
		return Optional.empty();
	}

	private String counts() {
		return "Total " + total + ", Success " + success + ", Error " + errors + " Records";
	}

	/**
	 * Reads the CLI's output line by line as it streams, wherever the summary stands in
	 * it, keeping nothing but the counts. Count lines count only inside a block that
	 * starts with the {@code === Processing Results ===} header; a second block (or a
	 * count repeated within one) that says something else leaves no summary to believe.
	 */
	static final class Scanner {

		private static final Pattern HEADER = Pattern.compile("^\\s*=== Processing Results ===\\s*$");

		private static final Pattern COUNT = Pattern.compile("^\\s*(Total|Success|Error) Records:\\s*(\\d{1,18})\\s*$");

		private boolean inBlock;

		private Long total;

		private Long success;

		private Long errors;

		private CliSummary first;

		private String problem;

		void accept(String line) {
			if (HEADER.matcher(line).matches()) {
				endBlock();
				inBlock = true;
				return;
			}
			Matcher count = COUNT.matcher(line);
			if (!inBlock || !count.matches()) {
				return;
			}
			long value = Long.parseLong(count.group(2));
			Long before = switch (count.group(1)) {
				case "Total" -> total;
				case "Success" -> success;
				default -> errors;
			};
			if (before != null && before != value) {
				disagree("it printed " + count.group(1) + " Records twice in one summary (" + before + ", then " + value
						+ ")");
			}
			switch (count.group(1)) {
				case "Total" -> total = value;
				case "Success" -> success = value;
				default -> errors = value;
			}
		}

		Printed printed() {
			endBlock();
			if (problem != null) {
				return new Printed(null, problem);
			}
			return first == null ? Printed.none() : new Printed(first, null);
		}

		private void endBlock() {
			if (!inBlock) {
				return;
			}
			inBlock = false;
			if (total == null || success == null || errors == null) {
				disagree("it printed a processing summary without its Total, Success and Error Records");
			}
			else {
				CliSummary block = new CliSummary(total, success, errors);
				if (first == null) {
					first = block;
				}
				else if (!first.equals(block)) {
					disagree("it printed two processing summaries that disagree (" + first.counts() + ", then "
							+ block.counts() + ")");
				}
			}
			total = null;
			success = null;
			errors = null;
		}

		private void disagree(String why) {
			if (problem == null) {
				problem = "The CLI's output cannot be believed: " + why;
			}
		}

	}

}
