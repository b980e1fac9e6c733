package org.kasbench.globeco.allocation.standins;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the stand-ins (no dependencies): parses into {@code Map},
 * {@code List}, {@code String}, {@code BigDecimal}, {@code Boolean} and {@code null};
 * writes the same back, escaping like Go's encoder (which also escapes {@code <},
 * {@code >} and {@code &}).
 */
final class Json {

	private final String text;

	private int at;

	private Json(String text) {
		this.text = text;
	}

	static Object parse(String text) {
		Json json = new Json(text);
		Object value = json.value();
		json.space();
		if (json.at != text.length()) {
			throw json.error("unexpected trailing data");
		}
		return value;
	}

	private Object value() {
		space();
		if (at >= text.length()) {
			throw error("unexpected end of JSON input");
		}
		char c = text.charAt(at);
		switch (c) {
			case '{' -> {
				at++;
				Map<String, Object> object = new LinkedHashMap<>();
				space();
				if (peek('}')) {
					return object;
				}
				do {
					space();
					if (at >= text.length() || text.charAt(at) != '"') {
						throw error("object key expected");
					}
					String key = string();
					space();
					expect(':');
					object.put(key, value());
					space();
				}
				while (peek(','));
				expect('}');
				return object;
			}
			case '[' -> {
				at++;
				List<Object> array = new ArrayList<>();
				space();
				if (peek(']')) {
					return array;
				}
				do {
					array.add(value());
					space();
				}
				while (peek(','));
				expect(']');
				return array;
			}
			case '"' -> {
				return string();
			}
			default -> {
				if (text.startsWith("true", at)) {
					at += 4;
					return Boolean.TRUE;
				}
				if (text.startsWith("false", at)) {
					at += 5;
					return Boolean.FALSE;
				}
				if (text.startsWith("null", at)) {
					at += 4;
					return null;
				}
				int start = at;
				while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
					at++;
				}
				try {
					return new BigDecimal(text.substring(start, at));
				}
				catch (NumberFormatException e) {
					throw error("invalid character");
				}
			}
		}
	}

	private String string() {
		at++; // opening quote
		StringBuilder out = new StringBuilder();
		while (at < text.length()) {
			char c = text.charAt(at++);
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char e = text.charAt(at++);
			switch (e) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
					at += 4;
				}
				default -> out.append(e);
			}
		}
		throw error("unterminated string");
	}

	private void space() {
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
	}

	private boolean peek(char c) {
		if (at < text.length() && text.charAt(at) == c) {
			at++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw error("expected '" + c + "'");
		}
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException(what + " at offset " + at);
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out) {
		switch (value) {
			case null -> out.append("null");
			case String s -> quote(s, out);
			case Map<?, ?> map -> {
				out.append('{');
				boolean first = true;
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					if (!first) {
						out.append(',');
					}
					first = false;
					quote(String.valueOf(entry.getKey()), out);
					out.append(':');
					write(entry.getValue(), out);
				}
				out.append('}');
			}
			case List<?> list -> {
				out.append('[');
				for (int i = 0; i < list.size(); i++) {
					if (i > 0) {
						out.append(',');
					}
					write(list.get(i), out);
				}
				out.append(']');
			}
			case Double d ->
				out.append(d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue()) : d.toString());
			default -> out.append(value);
		}
	}

	private static void quote(String s, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '<', '>', '&' -> out.append(String.format("\\u%04x", (int) c));
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
