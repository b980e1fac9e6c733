package org.kasbench.globeco.allocation.send.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The CLI's output, read as it streams in bounded memory: every line is logged and
 * scanned for the processing summary wherever it stands, and only the last
 * {@link #TAIL_LINES} lines (each cut at {@link #MAX_LINE} characters) are kept for the
 * batch record.
 */
public final class CliOutput {

	private static final Logger log = LoggerFactory.getLogger(CliOutput.class);

	static final int TAIL_LINES = 40;

	static final int MAX_LINE = 4096;

	private final Deque<String> tail = new ArrayDeque<>();

	private final CliSummary.Scanner summary = new CliSummary.Scanner();

	/**
	 * Reads {@code output} to its end (or until it fails, which ends the output too).
	 */
	public void readAll(Reader output) {
		StringBuilder line = new StringBuilder();
		boolean cut = false;
		char[] buffer = new char[8192];
		try (output) {
			int n;
			while ((n = output.read(buffer)) >= 0) {
				for (int i = 0; i < n; i++) {
					char c = buffer[i];
					if (c == '\n') {
						accept(line, cut);
						line.setLength(0);
						cut = false;
					}
					else if (line.length() < MAX_LINE) {
						line.append(c);
					}
					else {
						cut = true;
					}
				}
			}
		}
		catch (IOException e) {
			log.debug("CLI output closed: {}", e.getMessage());
		}
		if (!line.isEmpty()) {
			accept(line, cut);
		}
	}

	private void accept(StringBuilder raw, boolean cut) {
		int end = raw.length() > 0 && raw.charAt(raw.length() - 1) == '\r' ? raw.length() - 1 : raw.length();
		String line = raw.substring(0, end) + (cut ? "..." : "");
		log.info("cli: {}", line);
		synchronized (tail) {
			summary.accept(line);
			tail.addLast(line);
			if (tail.size() > TAIL_LINES) {
				tail.removeFirst();
			}
		}
	}

	/** The last lines read so far. */
	public String tail() {
		synchronized (tail) {
			return String.join("\n", tail);
		}
	}

	/** The summary the output printed, or why none can be believed. */
	public CliSummary.Printed summary() {
		synchronized (tail) {
			return summary.printed();
		}
	}

}
