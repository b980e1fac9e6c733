package org.kasbench.globeco.allocation.testsupport;

import org.kasbench.globeco.allocation.execution.domain.NewExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data: execution service ids that no other test of the run uses, and valid
 * executions for them.
 */
public final class Executions {

	private static final AtomicInteger NEXT_ID = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 400_000_000));

	private Executions() {
	}

	public static int uniqueId() {
		return NEXT_ID.getAndIncrement();
	}

	/**
	 * Inserts a ready execution straight into the table, past the ingest's checks (a
	 * portfolio id the CLI will refuse, say): execution service id, trade type, portfolio
	 * id, quantity.
	 */
	public static final String INSERT_SQL = """
			INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination, trade_date,
			    security_id, ticker, portfolio_id, quantity, received_timestamp, sent_timestamp, quantity_filled,
			    total_amount, average_price)
			VALUES (?, false, 'FULL', ?, 'ML', DATE '2025-05-27', '68336002fe95851f0a2aeda9', 'IBM', ?, ?,
			    now(), now(), 10, 100, 10)""";

	/**
	 * {@link #INSERT_SQL} with a fresh execution service id; returns the execution's id.
	 */
	public static int insertDirectly(JdbcTemplate jdbc, String tradeType, String portfolioId, BigDecimal quantity) {
		int esid = uniqueId();
		jdbc.update(INSERT_SQL, esid, tradeType, portfolioId, quantity);
		return jdbc.queryForObject("SELECT id FROM execution WHERE execution_service_id = ?", Integer.class, esid);
	}

	public static NewExecution newExecution(int executionServiceId) {
		return new NewExecution(executionServiceId, "FULL", "BUY", "ML", LocalDate.of(2025, 5, 27),
				"68336002fe95851f0a2aeda9", "IBM", "684f125ac19ad4fb89bc14ba", 148, new BigDecimal("1000"), null,
				OffsetDateTime.parse("2025-05-27T14:39:27.509362Z"),
				OffsetDateTime.parse("2025-05-27T14:39:27.512467Z"), null, new BigDecimal("1000"),
				new BigDecimal("190409.6"), new BigDecimal("190.4096"));
	}

}
