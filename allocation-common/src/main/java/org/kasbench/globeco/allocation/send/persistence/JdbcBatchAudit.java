package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchAudit;
import org.kasbench.globeco.allocation.send.domain.RecordedVerdict;
import org.kasbench.globeco.allocation.send.domain.StatusChange;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.BATCH;
import static org.kasbench.globeco.allocation.send.persistence.BatchHistoryTable.COLUMNS;

/** The batch audit (GET /api/v1/batches and /batches/{id}): reads only. */
@Repository
class JdbcBatchAudit implements BatchAudit {

	private final NamedParameterJdbcTemplate jdbc;

	private final BatchHistoryTable table;

	JdbcBatchAudit(@BatchDataSource DataSource sendDataSource) {
		this.jdbc = new NamedParameterJdbcTemplate(sendDataSource);
		this.table = new BatchHistoryTable(jdbc);
	}

	@Override
	public Optional<Batch> find(int batchId) {
		return table.find(batchId);
	}

	@Override
	public Page<Batch> list(int limit, int offset) {
		MapSqlParameterSource params = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
		List<Batch> items = jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status <> 'SEED'"
				+ " ORDER BY id DESC LIMIT :limit OFFSET :offset", params, BATCH);
		Long total = jdbc.getJdbcTemplate()
			.queryForObject("SELECT count(*) FROM batch_history WHERE status <> 'SEED'", Long.class);
		return new Page<>(items, total, limit, offset);
	}

	@Override
	public List<StatusChange> history(int batchId) {
		return jdbc.query(
				"SELECT status, message, recorded_at FROM batch_status_history WHERE batch_id = :id ORDER BY id",
				new MapSqlParameterSource("id", batchId), new DataClassRowMapper<>(StatusChange.class));
	}

	@Override
	public List<RecordedVerdict> recordedVerdicts(int batchId) {
		return jdbc.query(
				"SELECT execution_id, verdict, error_message FROM send_row_verdict WHERE batch_id = :id"
						+ " ORDER BY execution_id",
				new MapSqlParameterSource("id", batchId), new DataClassRowMapper<>(RecordedVerdict.class));
	}

}
