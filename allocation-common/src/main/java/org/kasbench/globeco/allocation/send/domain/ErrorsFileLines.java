package org.kasbench.globeco.allocation.send.domain;

import java.util.function.Consumer;

/**
 * The lines of one attempt's errors file, streamed in order (the file can be far larger
 * than memory).
 */
public interface ErrorsFileLines {

	/** The errors file's name, for messages. */
	String name();

	/**
	 * Hands every line to {@code sink}, in order, and returns how many there were.
	 * @throws UnverifiableCliOutputException when a line, or the file as a whole, does
	 * not check out; no verdict may then be taken
	 */
	long forEach(Consumer<ErrorsFileLine> sink);

}
