package org.kasbench.globeco.allocation.send.cli;

import org.kasbench.globeco.allocation.send.domain.PortfolioAccountingTransaction;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

/**
 * The Portfolio Accounting CLI's CSV: its header, and a line per transaction with
 * plain-notation decimals.
 */
public final class CliFileFormat {

	public static final String HEADER = "portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date";

	public static final String ERRORS_SUFFIX = ".errors.csv";

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private CliFileFormat() {
	}

	public static String line(PortfolioAccountingTransaction t) {
		return String.join(",", t.portfolioId(), t.securityId(), t.sourceId(), t.transactionType(), plain(t.quantity()),
				plain(t.price()), DATE.format(t.transactionDate()));
	}

	/**
	 * Exact, without exponent and without the column's padding zeros: 1000.00000000
	 * becomes 1000.
	 */
	static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	/** Where the CLI writes the rows it refused: next to the input, named after it. */
	public static String errorsFileName(String fileName) {
		return fileName + ERRORS_SUFFIX;
	}

}
