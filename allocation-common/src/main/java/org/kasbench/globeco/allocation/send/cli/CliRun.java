package org.kasbench.globeco.allocation.send.cli;

/**
 * How a CLI run ended. A zero exit code only says the file could be processed: which rows
 * were accepted is told by the errors file the CLI writes next to it, vouched for by the
 * {@code summary} it printed.
 */
public record CliRun(Integer exitCode, boolean timedOut, String jobName, String outputTail,
		CliSummary.Printed summary) {

	public boolean succeeded() {
		return !timedOut && exitCode != null && exitCode == 0;
	}
}
