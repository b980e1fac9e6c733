package org.kasbench.globeco.allocation.standins;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Portfolio Accounting CLI's row checks and the Portfolio Accounting Service's batch
 * handling, as the real programs do them, with the strings they write. Shared by the
 * service stand-in and the CLI stand-in's offline mode, so both answer alike.
 */
final class PortfolioAccountingRules {

	static final List<String> COLUMNS = List.of("portfolio_id", "security_id", "source_id", "transaction_type",
			"quantity", "price", "transaction_date");
	static final int MAX_BATCH = 1000;

	private static final List<String> TYPES = List.of("BUY", "SELL", "SHORT", "COVER", "DEP", "WD", "IN", "OUT");

	private static final Set<String> CASH = Set.of("DEP", "WD");

	private static final Pattern ALNUM = Pattern.compile("^[a-zA-Z0-9]+$");

	private PortfolioAccountingRules() {
	}

	/**
	 * Where accepted source ids are kept (the service's transactions table, unique on
	 * source_id).
	 */
	interface Ledger {

		boolean contains(String sourceId);

		void accept(String sourceId);

	}

	/** An HTTP answer: status and body. */
	record Answer(int status, String body) {
	}

	// ---------------------------------------------------------------- the CLI's own row
	// validation

	/**
	 * The CLI's verdict on one row (fields already trimmed, type upper-cased), or null
	 * when it is valid.
	 */
	static String cliRowProblem(Map<String, String> row) {
		List<String> problems = new ArrayList<>();
		String portfolio = row.get("portfolio_id");
		if (portfolio.isEmpty()) {
			problems.add("portfolio_id is required");
		}
		else if (len(portfolio) != 24) {
			problems.add("portfolio_id must be 24 characters");
		}
		String security = row.get("security_id");
		if (!security.isEmpty() && len(security) != 24) {
			problems.add("security_id must be 24 characters when provided");
		}
		String source = row.get("source_id");
		if (source.isEmpty()) {
			problems.add("source_id is required");
		}
		else if (len(source) > 50) {
			problems.add("source_id must be 50 characters or less");
		}
		String type = row.get("transaction_type");
		if (!TYPES.contains(type)) {
			problems.add("invalid transaction_type: must be BUY, SELL, SHORT, COVER, DEP, WD, IN, or OUT");
		}
		decimalProblem(row.get("quantity"), "quantity", problems);
		decimalProblem(row.get("price"), "price", problems);
		if (!isDate(row.get("transaction_date"))) {
			problems.add("transaction_date must be in YYYYMMDD format");
		}
		if (security.isEmpty() && !CASH.contains(type)) {
			problems.add("security_id can only be empty for DEP or WD transaction types");
		}
		return problems.isEmpty() ? null : String.join("; ", problems);
	}

	private static void decimalProblem(String value, String column, List<String> problems) {
		if (value.isEmpty()) {
			problems.add(column + " is required");
		}
		else if (decimal(value) == null) {
			problems.add(column + " must be a valid decimal number");
		}
	}

	/**
	 * The JSON object the CLI posts for a valid row: decimals as normalised strings,
	 * securityId only when present.
	 */
	static Map<String, Object> cliTransaction(Map<String, String> row) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("portfolioId", row.get("portfolio_id"));
		m.put("sourceId", row.get("source_id"));
		m.put("transactionType", row.get("transaction_type"));
		m.put("quantity", plain(decimal(row.get("quantity"))));
		m.put("price", plain(decimal(row.get("price"))));
		m.put("transactionDate", row.get("transaction_date"));
		if (!row.get("security_id").isEmpty()) {
			m.put("securityId", row.get("security_id"));
		}
		return m;
	}

	// ---------------------------------------------------------------- the service's POST
	// /api/v1/transactions

	/**
	 * One batch, as the service's handler, mapper, builder and validator treat it, in
	 * that order.
	 */
	static Answer handle(String body, Ledger ledger, int partialFailureStatus, long[] ids) {
		List<Post> posts;
		try {
			posts = decode(body);
		}
		catch (RuntimeException e) {
			return error(400, "INVALID_JSON", "Invalid JSON format");
		}
		if (posts.isEmpty()) {
			return error(400, "EMPTY_BATCH", "At least one transaction is required");
		}
		if (posts.size() > MAX_BATCH) {
			return error(400, "BATCH_TOO_LARGE", "Maximum 1000 transactions per batch");
		}
		List<Object> successful = new ArrayList<>();
		List<Object> failed = new ArrayList<>();
		for (int i = 0; i < posts.size(); i++) {
			Post p = posts.get(i);
			List<Map<String, Object>> errors = mapperErrors(p);
			if (errors.isEmpty()) {
				String buildError = builderError(p);
				if (buildError != null) {
					errors.add(validationError("transaction", buildError, "index_" + i));
				}
				else {
					errors.addAll(validatorErrors(p, ledger));
				}
			}
			if (!errors.isEmpty()) {
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("transaction", p.echo());
				f.put("errors", errors);
				failed.add(f);
				continue;
			}
			ledger.accept(p.sourceId);
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("id", ++ids[0]);
			s.put("portfolioId", p.portfolioId);
			if (p.securityId != null) {
				s.put("securityId", p.securityId);
			}
			s.put("sourceId", p.sourceId);
			s.put("status", "PROC");
			s.put("transactionType", p.transactionType.trim().toUpperCase(Locale.ROOT));
			s.put("quantity", plain(p.quantity));
			s.put("price", plain(p.price));
			s.put("transactionDate", p.transactionDate);
			s.put("reprocessingAttempts", 0);
			s.put("version", 1);
			successful.add(s);
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		int total = successful.size() + failed.size();
		summary.put("totalRequested", total);
		summary.put("successful", successful.size());
		summary.put("failed", failed.size());
		summary.put("successRate", total == 0 ? 0.0 : successful.size() * 100.0 / total);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("successful", successful.isEmpty() ? null : successful); // Go
																				// encodes
																				// an
																				// empty
																				// slice
																				// it
																				// never
																				// filled
																				// as null
		response.put("failed", failed.isEmpty() ? null : failed);
		response.put("summary", summary);
		return new Answer(failed.isEmpty() ? 201 : partialFailureStatus, Json.write(response) + "\n");
	}

	/**
	 * The service's error body: {@code {"error":{"code":..,"message":..,"timestamp":..}}}
	 * and a newline.
	 */
	static Answer error(int status, String code, String message) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("code", code);
		detail.put("message", message);
		detail.put("timestamp", java.time.OffsetDateTime.now().toString());
		return new Answer(status, Json.write(Map.of("error", detail)) + "\n");
	}

	private record Post(String portfolioId, String securityId, String sourceId, String transactionType,
			BigDecimal quantity, BigDecimal price, String transactionDate) {
		Map<String, Object> echo() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("portfolioId", portfolioId);
			if (securityId != null) {
				m.put("securityId", securityId);
			}
			m.put("sourceId", sourceId);
			m.put("transactionType", transactionType);
			m.put("quantity", plain(quantity));
			m.put("price", plain(price));
			m.put("transactionDate", transactionDate);
			return m;
		}
	}

	private static List<Post> decode(String body) {
		if (!(Json.parse(body) instanceof List<?> items)) {
			throw new IllegalArgumentException("not an array");
		}
		List<Post> posts = new ArrayList<>();
		for (Object item : items) {
			if (!(item instanceof Map<?, ?> m)) {
				throw new IllegalArgumentException("not an object");
			}
			posts.add(new Post(text(m, "portfolioId"), m.get("securityId") == null ? null : text(m, "securityId"),
					text(m, "sourceId"), text(m, "transactionType"), number(m, "quantity"), number(m, "price"),
					text(m, "transactionDate")));
		}
		return posts;
	}

	private static String text(Map<?, ?> m, String key) {
		Object v = m.get(key);
		if (v == null) {
			return "";
		}
		if (v instanceof String s) {
			return s;
		}
		throw new IllegalArgumentException(key + " is not a string");
	}

	private static BigDecimal number(Map<?, ?> m, String key) {
		Object v = m.get(key);
		if (v == null) {
			return BigDecimal.ZERO;
		}
		BigDecimal d = v instanceof BigDecimal b ? b : v instanceof String s ? decimal(s) : null;
		if (d == null) {
			throw new IllegalArgumentException(key + " is not a decimal");
		}
		return d;
	}

	private static List<Map<String, Object>> mapperErrors(Post p) {
		List<Map<String, Object>> errors = new ArrayList<>();
		if (len(p.portfolioId) != 24) {
			errors.add(validationError("portfolioId", "must be exactly 24 characters", p.portfolioId));
		}
		if (p.securityId != null && len(p.securityId) != 24) {
			errors.add(validationError("securityId", "must be exactly 24 characters", p.securityId));
		}
		if (len(p.sourceId) > 50) {
			errors.add(validationError("sourceId", "must not exceed 50 characters", p.sourceId));
		}
		if (!TYPES.contains(p.transactionType)) {
			errors.add(validationError("transactionType", "must be one of: BUY, SELL, SHORT, COVER, DEP, WD, IN, OUT",
					p.transactionType));
		}
		if (p.price.signum() <= 0) {
			errors.add(validationError("price", "must be positive", plain(p.price)));
		}
		if (!isDate(p.transactionDate)) {
			errors.add(validationError("transactionDate", "must be in YYYYMMDD format", p.transactionDate));
		}
		boolean cash = CASH.contains(p.transactionType);
		if (cash && p.securityId != null) {
			errors.add(validationError("securityId", "must be null for DEP/WD transactions", p.securityId));
		}
		if (!cash && p.securityId == null) {
			errors.add(validationError("securityId", "is required for non-cash transactions", ""));
		}
		return errors;
	}

	/**
	 * The domain builder: field errors it collected, then the first business rule broken,
	 * as one message.
	 */
	private static String builderError(Post p) {
		List<String> errors = new ArrayList<>();
		boolean portfolioOk = false;
		if (len(p.portfolioId) != 24) {
			errors.add("invalid portfolio ID: portfolio ID must be exactly 24 characters, got " + len(p.portfolioId));
		}
		else if (!ALNUM.matcher(p.portfolioId).matches()) {
			errors.add("invalid portfolio ID: portfolio ID must contain only alphanumeric characters");
		}
		else {
			portfolioOk = true;
		}
		String source = p.sourceId.trim();
		boolean sourceOk = false;
		if (source.isEmpty()) {
			errors.add("invalid source ID: source ID cannot be empty");
		}
		else if (len(source) > 50) {
			errors.add("invalid source ID: source ID cannot exceed 50 characters, got " + len(source));
		}
		else {
			sourceOk = true;
		}
		String type = p.transactionType.trim().toUpperCase(Locale.ROOT);
		if (!TYPES.contains(type)) {
			errors.add("invalid transaction type: invalid transaction type");
			type = "";
		}
		if (p.price.signum() < 0) {
			errors.add("invalid price: price cannot be negative");
		}
		boolean hasSecurity = false;
		if (p.securityId != null && !p.securityId.isEmpty()) {
			if (len(p.securityId) != 24) {
				errors.add("invalid security ID: security ID must be exactly 24 characters, got " + len(p.securityId));
			}
			else if (!ALNUM.matcher(p.securityId).matches()) {
				errors.add("invalid security ID: security ID must contain only alphanumeric characters");
			}
			else {
				hasSecurity = true;
			}
		}
		String rule = null;
		boolean cash = CASH.contains(type);
		if (cash && hasSecurity) {
			rule = "cash transactions (DEP/WD) must have empty security ID";
		}
		else if (cash && p.price.compareTo(BigDecimal.ONE) != 0) {
			rule = "cash transactions must have price of 1.0";
		}
		else if (!cash && !hasSecurity) {
			rule = "security transactions require a valid security ID";
		}
		else if (!portfolioOk) {
			rule = "portfolio ID is required";
		}
		else if (!sourceOk) {
			rule = "source ID is required";
		}
		else if (p.quantity.signum() == 0) {
			rule = "quantity cannot be zero";
		}
		else if (p.price.signum() < 0) {
			rule = "price must be positive";
		}
		if (rule != null) {
			errors.add(rule);
		}
		return errors.isEmpty() ? null : "transaction validation failed: [" + String.join(" ", errors) + "]";
	}

	/** The domain validator: every rule, source id uniqueness last. */
	private static List<Map<String, Object>> validatorErrors(Post p, Ledger ledger) {
		List<Map<String, Object>> errors = new ArrayList<>();
		String type = p.transactionType.trim().toUpperCase(Locale.ROOT);
		boolean cash = CASH.contains(type);
		String security = p.securityId == null ? "" : p.securityId;
		if (p.quantity.signum() == 0) {
			errors.add(validationError("quantity", "quantity cannot be zero", plain(p.quantity)));
		}
		if (p.price.signum() < 0) {
			errors.add(validationError("price", "price cannot be negative", plain(p.price)));
		}
		if (cash) {
			if (!security.isEmpty()) {
				errors.add(validationError("securityId", "cash transactions must have empty security ID", security));
			}
			if (p.price.compareTo(BigDecimal.ONE) != 0) {
				errors.add(validationError("price", "cash transactions must have price of 1.0", plain(p.price)));
			}
		}
		else {
			if (security.isEmpty()) {
				errors.add(validationError("securityId", "security transactions require a valid security ID", "null"));
			}
			if (p.price.signum() <= 0) {
				errors.add(validationError("price", "security transactions must have positive price", plain(p.price)));
			}
		}
		if (len(p.portfolioId) != 24) {
			errors.add(validationError("portfolioId", "portfolio ID must be exactly 24 characters", p.portfolioId));
		}
		if (!cash && len(security) != 24) {
			errors.add(validationError("securityId", "security ID must be exactly 24 characters", security));
		}
		if (ledger.contains(p.sourceId.trim())) {
			errors.add(validationError("sourceId", "source ID must be unique", p.sourceId));
		}
		return errors;
	}

	private static Map<String, Object> validationError(String field, String message, String value) {
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("message", message);
		if (!value.isEmpty()) {
			e.put("value", value);
		}
		return e;
	}

	// ---------------------------------------------------------------- helpers

	/** Go's len(): bytes, not characters. */
	static int len(String s) {
		return s.getBytes(StandardCharsets.UTF_8).length;
	}

	static BigDecimal decimal(String s) {
		try {
			return new BigDecimal(s);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/** As shopspring/decimal's String(): no exponent, no trailing fractional zeros. */
	static String plain(BigDecimal d) {
		return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
	}

	private static boolean isDate(String s) {
		if (s.length() != 8) {
			return false;
		}
		try {
			LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE);
			return true;
		}
		catch (DateTimeParseException e) {
			return false;
		}
	}

}
