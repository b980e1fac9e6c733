package org.kasbench.globeco.allocation.execution.persistence;

import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.execution.domain.ExecutionQuery;
import org.kasbench.globeco.allocation.execution.domain.ExecutionRepository;
import org.kasbench.globeco.allocation.execution.domain.NewExecution;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

@Repository
class JdbcExecutionRepository implements ExecutionRepository {

	private static final String COLUMNS = """
			id, execution_service_id, is_open, execution_status, trade_type, destination, trade_date, security_id,
			portfolio_id, order_id, ticker, quantity, limit_price, received_timestamp, sent_timestamp,
			last_fill_timestamp, quantity_filled, total_amount, average_price, ready_to_send_timestamp, batch_id, version""";

	/**
	 * API field name to column, for filters and sorting; nothing else ever reaches the
	 * SQL text.
	 */
	private static final Map<String, String> COLUMN_OF = Map.ofEntries(Map.entry("id", "id"),
			Map.entry("executionServiceId", "execution_service_id"), Map.entry("executionStatus", "execution_status"),
			Map.entry("tradeType", "trade_type"), Map.entry("destination", "destination"),
			Map.entry("tradeDate", "trade_date"), Map.entry("securityId", "security_id"),
			Map.entry("portfolioId", "portfolio_id"), Map.entry("ticker", "ticker"), Map.entry("quantity", "quantity"),
			Map.entry("quantityFilled", "quantity_filled"), Map.entry("totalAmount", "total_amount"),
			Map.entry("averagePrice", "average_price"), Map.entry("receivedTimestamp", "received_timestamp"),
			Map.entry("sentTimestamp", "sent_timestamp"), Map.entry("readyToSendTimestamp", "ready_to_send_timestamp"));

	static final RowMapper<Execution> ROW_MAPPER = JdbcExecutionRepository::mapRow;

	private final NamedParameterJdbcTemplate jdbc;

	private final Map<Integer, String> insertSqlByRows = new ConcurrentHashMap<>();

	JdbcExecutionRepository(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<Integer, Execution> findByExecutionServiceIds(Collection<Integer> executionServiceIds) {
		if (executionServiceIds.isEmpty()) {
			return Map.of();
		}
		Map<Integer, Execution> found = new LinkedHashMap<>();
		RowCallbackHandler collect = rs -> {
			Execution e = mapRow(rs, 0);
			found.put(e.executionServiceId(), e);
		};
		// One id (the Confirmation Service's usual post) is looked up by
		// equality. A pooled connection keeps PostgreSQL's generic plan for
		// "= ANY($1)", a sequential scan if the table was small when the
		// connection prepared it; "= $1" on the unique index is an index scan
		// at any table size.
		if (executionServiceIds.size() == 1) {
			jdbc.query("SELECT " + COLUMNS + " FROM execution WHERE execution_service_id = :id",
					new MapSqlParameterSource("id", executionServiceIds.iterator().next()), collect);
		}
		else {
			jdbc.query("SELECT " + COLUMNS + " FROM execution WHERE execution_service_id = ANY(:ids)",
					new MapSqlParameterSource("ids", executionServiceIds.toArray(Integer[]::new)), collect);
		}
		return found;
	}

	@Override
	public List<Execution> insertNew(List<NewExecution> executions) {
		if (executions.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource params = new MapSqlParameterSource();
		for (int i = 0; i < executions.size(); i++) {
			NewExecution e = executions.get(i);
			String p = parameterPrefix(i);
			params.addValue(p + "esid", e.executionServiceId())
				.addValue(p + "status", e.executionStatus())
				.addValue(p + "type", e.tradeType())
				.addValue(p + "dest", e.destination())
				.addValue(p + "date", e.tradeDate())
				.addValue(p + "sec", e.securityId())
				.addValue(p + "ticker", e.ticker())
				.addValue(p + "pf", e.portfolioId())
				.addValue(p + "order", e.orderId())
				.addValue(p + "qty", e.quantity())
				.addValue(p + "limit", e.limitPrice())
				.addValue(p + "recv", utc(e.receivedTimestamp()))
				.addValue(p + "sent", utc(e.sentTimestamp()))
				.addValue(p + "fill", utc(e.lastFillTimestamp()))
				.addValue(p + "qtyf", e.quantityFilled())
				.addValue(p + "total", e.totalAmount())
				.addValue(p + "avg", e.averagePrice());
		}
		return jdbc.query(insertSqlByRows.computeIfAbsent(executions.size(), JdbcExecutionRepository::insertSql),
				params, ROW_MAPPER);
	}

	private static String parameterPrefix(int row) {
		return "p" + row + "_";
	}

	/**
	 * The insert of {@code rows} executions, with the parameter names {@link #insertNew}
	 * gives their values. Made once per row count and kept: formatting it cost more than
	 * the rest of the method on every post.
	 */
	private static String insertSql(int rows) {
		StringJoiner values = new StringJoiner(",\n");
		for (int i = 0; i < rows; i++) {
			values
				.add(("(:%1$sesid, false, :%1$sstatus, :%1$stype, :%1$sdest, :%1$sdate, :%1$ssec, :%1$sticker, :%1$spf,"
						+ " :%1$sorder, :%1$sqty, :%1$slimit, :%1$srecv, :%1$ssent, :%1$sfill, :%1$sqtyf, :%1$stotal, :%1$savg)")
					.formatted(parameterPrefix(i)));
		}
		// ready_to_send_timestamp and version are left to their column defaults on
		// purpose.
		return """
				INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination, trade_date,
				    security_id, ticker, portfolio_id, order_id, quantity, limit_price, received_timestamp, sent_timestamp,
				    last_fill_timestamp, quantity_filled, total_amount, average_price)
				VALUES %s
				ON CONFLICT (execution_service_id) DO NOTHING
				RETURNING %s"""
			.formatted(values, COLUMNS);
	}

	@Override
	public Optional<Execution> findById(int id) {
		return jdbc
			.query("SELECT " + COLUMNS + " FROM execution WHERE id = :id", new MapSqlParameterSource("id", id),
					ROW_MAPPER)
			.stream()
			.findFirst();
	}

	@Override
	public Page<Execution> find(ExecutionQuery query) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
		query.filters().forEach((field, value) -> {
			where.add(COLUMN_OF.get(field) + " = :" + field);
			params.addValue(field, value);
		});
		StringJoiner orderBy = new StringJoiner(", ", " ORDER BY ", "");
		query.sort().forEach(key -> orderBy.add(COLUMN_OF.get(key.field()) + (key.descending() ? " DESC" : " ASC")));
		if (query.sort().stream().noneMatch(key -> key.field().equals("id"))) {
			orderBy.add("id ASC"); // a stable order, so pages never overlap or skip rows
		}
		params.addValue("limit", query.limit()).addValue("offset", query.offset());
		List<Execution> items = jdbc.query(
				"SELECT " + COLUMNS + " FROM execution" + where + orderBy + " LIMIT :limit OFFSET :offset", params,
				ROW_MAPPER);
		boolean wholeResultOnFirstPage = query.offset() == 0 && items.size() < query.limit();
		long total = wholeResultOnFirstPage ? items.size()
				: jdbc.queryForObject("SELECT count(*) FROM execution" + where, params, Long.class);
		return new Page<>(items, total, query.limit(), query.offset());
	}

	private static OffsetDateTime utc(OffsetDateTime t) {
		return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static Execution mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Execution(rs.getInt("id"), rs.getInt("execution_service_id"), rs.getBoolean("is_open"),
				rs.getString("execution_status"), rs.getString("trade_type"), rs.getString("destination"),
				rs.getObject("trade_date", LocalDate.class), rs.getString("security_id"), rs.getString("portfolio_id"),
				(Integer) rs.getObject("order_id"), rs.getString("ticker"), rs.getBigDecimal("quantity"),
				rs.getBigDecimal("limit_price"), rs.getObject("received_timestamp", OffsetDateTime.class),
				rs.getObject("sent_timestamp", OffsetDateTime.class),
				rs.getObject("last_fill_timestamp", OffsetDateTime.class), rs.getBigDecimal("quantity_filled"),
				rs.getBigDecimal("total_amount"), rs.getBigDecimal("average_price"),
				rs.getObject("ready_to_send_timestamp", OffsetDateTime.class), (Integer) rs.getObject("batch_id"),
				rs.getInt("version"));
	}

}
