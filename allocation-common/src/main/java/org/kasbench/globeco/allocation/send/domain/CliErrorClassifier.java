package org.kasbench.globeco.allocation.send.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an {@code error_message} of the CLI's errors file into a {@link RowVerdict}. The
 * rules are tried in a fixed order: not delivered (the whole chunk failed:
 * {@code HTTP <status>: ...} or a transport error), then delivered earlier (the source id
 * is already downstream), then refused on its merits ({@code field: message}). Anything
 * no rule recognises counts as not delivered: re-sending is harmless because the source
 * id is unique downstream, while wrongly calling a row refused or delivered would lose
 * it.
 */
public final class CliErrorClassifier {

	private final List<Pattern> notDelivered;

	private final List<Pattern> deliveredEarlier;

	private final List<Pattern> refused;

	public CliErrorClassifier(List<String> notDelivered, List<String> deliveredEarlier, List<String> refused) {
		this.notDelivered = compile(notDelivered);
		this.deliveredEarlier = compile(deliveredEarlier);
		this.refused = compile(refused);
	}

	public RowVerdict classify(String errorMessage) {
		String message = errorMessage == null ? "" : errorMessage.strip();
		if (matches(notDelivered, message)) {
			return RowVerdict.NOT_DELIVERED;
		}
		if (matches(deliveredEarlier, message)) {
			return RowVerdict.DELIVERED_EARLIER;
		}
		if (matches(refused, message)) {
			return RowVerdict.REFUSED;
		}
		return RowVerdict.NOT_DELIVERED;
	}

	private static boolean matches(List<Pattern> patterns, String message) {
		return patterns.stream().anyMatch(p -> p.matcher(message).find());
	}

	private static List<Pattern> compile(List<String> regexes) {
		return regexes.stream().map(Pattern::compile).toList();
	}

}
