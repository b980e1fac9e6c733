package org.kasbench.globeco.allocation.send;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts of the CLI's {@code === Processing Results ===} block. The errors file alone
 * cannot prove a hand-off: the real CLI exits 0 even when it could not create or finish
 * writing that file, and it drops a chunk whose answer it cannot decode from both counts.
 * So a verdict is only taken when the summary accounts for every row.
 */
record CliSummary(long total, long success, long errors) {

	private static final Pattern TOTAL = line("Total Records");

	private static final Pattern SUCCESS = line("Success Records");

	private static final Pattern ERRORS = line("Error Records");

	/** The last summary in the CLI's output, if it printed one. */
	static Optional<CliSummary> in(String output) {
		if (output == null) {
			return Optional.empty();
		}
		Long total = last(TOTAL, output);
		Long success = last(SUCCESS, output);
		Long errors = last(ERRORS, output);
		return total == null || success == null || errors == null ? Optional.empty()
				: Optional.of(new CliSummary(total, success, errors));
	}

	/**
	 * Why this summary does not vouch for an attempt's file and errors file; empty when
	 * it does.
	 */
	Optional<String> disagreement(long rowsInFile, long errorsFileLines) {
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

	private static Pattern line(String label) {
		return Pattern.compile("(?m)^\\s*" + label + ":\\s*(\\d+)\\s*$");
	}

	private static Long last(Pattern pattern, String output) {
		Matcher m = pattern.matcher(output);
		Long value = null;
		while (m.find()) {
			value = Long.parseLong(m.group(1));
		}
		return value;
	}
}
