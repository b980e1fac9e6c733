package org.kasbench.globeco.allocation.api.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The parts of strict input that Jackson's features do not cover: naming the key of a
 * duplicate-key error, and refusing strings that are not well-formed Unicode, or
 * identifiers holding control or invisible format characters (a right-to-left override in
 * a ticker makes a log line or CSV row read differently than it is).
 */
public final class StrictJson {

	/**
	 * Jackson's message for {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION}
	 * (asserted by a test).
	 */
	static final String DUPLICATE_MESSAGE = "Duplicate Object property";

	private StrictJson() {
	}

	/**
	 * The path of the duplicated key (such as {@code [0].quantity}) when {@code e} is
	 * caused by one, else null.
	 */
	public static String duplicateKey(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof StreamReadException read && read.getOriginalMessage() != null
					&& read.getOriginalMessage().startsWith(DUPLICATE_MESSAGE)) {
				return read.processor() instanceof JsonParser parser ? path(parser.streamReadContext()) : "body";
			}
		}
		return null;
	}

	private static String path(TokenStreamContext context) {
		Deque<String> parts = new ArrayDeque<>();
		for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
			parts.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + printable(c.currentName()));
		}
		String path = String.join("", parts);
		return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
	}

	/** A caller's key is echoed only when short and plain. */
	private static String printable(String name) {
		return name != null && name.length() <= 64 && identifierProblem(name) == null ? name : "?";
	}

	/**
	 * Null when {@code value} is well-formed text, else what is wrong with it. Control
	 * characters are allowed.
	 */
	public static String textProblem(String value) {
		return wellFormed(value) ? null : "must be well-formed Unicode (no lone surrogates)";
	}

	/**
	 * Null when {@code value} is a well-formed identifier: no lone surrogates, no control
	 * characters (Cc), no format characters (Cf: bidirectional overrides and isolates,
	 * zero-width joiners, BOM, ...), nothing unassigned or private-use.
	 */
	public static String identifierProblem(String value) {
		if (!wellFormed(value)) {
			return "must be well-formed Unicode (no lone surrogates)";
		}
		for (int i = 0; i < value.length();) {
			int cp = value.codePointAt(i);
			switch (Character.getType(cp)) {
				case Character.CONTROL:
					return "must not contain control characters";
				case Character.FORMAT:
					return "must not contain invisible format or bidirectional control characters";
				case Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE:
					return "must not contain unassigned or private-use characters";
				default:
					break;
			}
			i += Character.charCount(cp);
		}
		return null;
	}

	static boolean wellFormed(String value) {
		// codePoints() joins every high surrogate followed by a low one; only a lone
		// surrogate stays in their range.
		return value.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
	}

}
