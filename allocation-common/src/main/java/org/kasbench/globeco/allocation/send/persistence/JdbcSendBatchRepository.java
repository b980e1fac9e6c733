package org.kasbench.globeco.allocation.send.persistence;

import org.kasbench.globeco.allocation.send.domain.SendBatchRepository;
import org.kasbench.globeco.allocation.send.domain.SendBatchStatus;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.Rejection;
import org.kasbench.globeco.allocation.send.domain.SendBatch;
import org.kasbench.globeco.allocation.send.domain.SendInProgressException;
import org.kasbench.globeco.allocation.send.domain.StatusChange;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@Repository
class JdbcSendBatchRepository implements SendBatchRepository {

    private static final String COLUMNS = """
            id, start_time, previous_start_time, status, execution_mode, file_name, processed_count, accepted_count,
            rejected_count, job_name, job_execution_id, cli_exit_code, failure_reason, message, cli_started_at,
            cli_finished_at, finished_at, updated_at, version""";

    private static final RowMapper<SendBatch> ROW_MAPPER = JdbcSendBatchRepository::mapRow;
    /** The advisory lock key that serialises claims ("ALLOCATE" in ASCII). */
    private static final long CLAIM_LOCK = 0x414C4C4F43415445L;
    private static final String NOT_FINAL = "status NOT IN ('COMPLETED', 'COMPLETED_WITH_REJECTIONS', 'NOTHING_TO_SEND', 'SEED')";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    JdbcSendBatchRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public SendBatch open(String executionMode) {
        try {
            return transaction.execute(status -> {
                OffsetDateTime previous = jdbc.getJdbcTemplate()
                        .queryForObject("SELECT max(start_time) FROM batch_history", OffsetDateTime.class);
                // start_time is left to its CURRENT_TIMESTAMP default, as the requirements ask.
                SendBatch batch = jdbc.queryForObject("""
                                INSERT INTO batch_history (previous_start_time, status, execution_mode)
                                VALUES (:previous, 'OPEN', :mode)
                                RETURNING\s""" + COLUMNS,
                        new MapSqlParameterSource("previous", previous).addValue("mode", executionMode), ROW_MAPPER);
                addHistory(batch.id(), SendBatchStatus.OPEN, "Window opened after " + previous);
                return batch;
            });
        } catch (DuplicateKeyException e) {
            throw new SendInProgressException();
        }
    }

    @Override
    public int claim(int batchId) {
        return transaction.execute(status -> {
            MapSqlParameterSource params = new MapSqlParameterSource("id", batchId);
            // One claim at a time: two claims locking overlapping rows in different plan orders could deadlock.
            jdbc.getJdbcTemplate().query("SELECT pg_advisory_xact_lock(" + CLAIM_LOCK + ")", rs -> null);
            int heldBefore = jdbc.queryForObject("SELECT count(*) FROM execution WHERE batch_id = :id", params, Integer.class);
            // The start time as a value, not a subquery, so the planner can weigh a big claim against a small one.
            params.addValue("start", jdbc.queryForObject("SELECT start_time FROM batch_history WHERE id = :id",
                    params, OffsetDateTime.class));
            // Row locks make this safe against a concurrent claim: a row another batch claimed meanwhile
            // no longer has batch_id NULL when re-checked, so it is skipped rather than claimed twice.
            int claimed = jdbc.update("""
                    UPDATE execution SET batch_id = :id
                    WHERE batch_id IS NULL AND ready_to_send_timestamp < :start""", params);
            int held = heldBefore + claimed;
            jdbc.update("UPDATE batch_history SET processed_count = :n, status = 'CLAIMED', updated_at = clock_timestamp(),"
                    + " version = version + 1 WHERE id = :id", params.addValue("n", held));
            addHistory(batchId, SendBatchStatus.CLAIMED, held + " executions claimed");
            return held;
        });
    }

    @Override
    public Optional<SendBatch> find(int batchId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE id = :id",
                new MapSqlParameterSource("id", batchId), ROW_MAPPER).stream().findFirst();
    }

    @Override
    public Page<SendBatch> list(int limit, int offset) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit).addValue("offset", offset);
        List<SendBatch> items = jdbc.query("SELECT " + COLUMNS + " FROM batch_history WHERE status <> 'SEED'"
                + " ORDER BY id DESC LIMIT :limit OFFSET :offset", params, ROW_MAPPER);
        Long total = jdbc.getJdbcTemplate().queryForObject(
                "SELECT count(*) FROM batch_history WHERE status <> 'SEED'", Long.class);
        return new Page<>(items, total, limit, offset);
    }

    @Override
    public List<SendBatch> findRetryable(OffsetDateTime staleBefore, int maxRetries) {
        return jdbc.query("SELECT " + COLUMNS + " FROM batch_history b"
                        + " WHERE (status = 'FAILED' OR (" + NOT_FINAL + " AND updated_at < :staleBefore))"
                        + " AND (SELECT count(*) FROM batch_status_history h WHERE h.batch_id = b.id AND h.status = 'RETRYING')"
                        + " < :maxRetries ORDER BY id",
                new MapSqlParameterSource("staleBefore", staleBefore).addValue("maxRetries", maxRetries), ROW_MAPPER);
    }

    @Override
    public List<StatusChange> history(int batchId) {
        return jdbc.query("SELECT status, message, recorded_at FROM batch_status_history WHERE batch_id = :id ORDER BY id",
                new MapSqlParameterSource("id", batchId), (rs, n) -> new StatusChange(
                        SendBatchStatus.valueOf(rs.getString("status")), rs.getString("message"),
                        rs.getObject("recorded_at", OffsetDateTime.class)));
    }

    @Override
    public List<Rejection> rejections(int batchId) {
        return jdbc.query("SELECT source_id, error_message FROM batch_rejection WHERE batch_id = :id ORDER BY source_id",
                new MapSqlParameterSource("id", batchId),
                (rs, n) -> new Rejection(rs.getString("source_id"), rs.getString("error_message")));
    }

    @Override
    public void changeStatus(int batchId, SendBatchStatus status, String message) {
        transaction.executeWithoutResult(tx -> {
            update(batchId, "status = :status", new MapSqlParameterSource("status", status.name()));
            addHistory(batchId, status, message);
        });
    }

    @Override
    public void recordFile(int batchId, String fileName) {
        transaction.executeWithoutResult(tx -> {
            update(batchId, "file_name = :file, status = 'FILE_WRITTEN'", new MapSqlParameterSource("file", fileName));
            addHistory(batchId, SendBatchStatus.FILE_WRITTEN, fileName);
        });
    }

    @Override
    public void recordJobExecution(int batchId, long jobExecutionId) {
        update(batchId, "job_execution_id = :je", new MapSqlParameterSource("je", jobExecutionId));
    }

    @Override
    public void recordCliStart(int batchId, String executionMode, String jobName) {
        transaction.executeWithoutResult(tx -> {
            update(batchId, "status = 'CLI_RUNNING', execution_mode = :mode, job_name = :job, cli_exit_code = NULL,"
                            + " cli_started_at = clock_timestamp(), cli_finished_at = NULL, failure_reason = NULL",
                    new MapSqlParameterSource("mode", executionMode).addValue("job", jobName));
            addHistory(batchId, SendBatchStatus.CLI_RUNNING, jobName == null ? executionMode : executionMode + " " + jobName);
        });
    }

    @Override
    public void recordCliEnd(int batchId, Integer exitCode, String jobName) {
        update(batchId, "cli_exit_code = :code, job_name = coalesce(:job, job_name), cli_finished_at = clock_timestamp()",
                new MapSqlParameterSource("code", exitCode).addValue("job", jobName));
    }

    @Override
    public void recordOutcome(int batchId, SendBatchStatus status, int accepted, List<Rejection> rejections, String message) {
        transaction.executeWithoutResult(tx -> {
            jdbc.update("DELETE FROM batch_rejection WHERE batch_id = :id", new MapSqlParameterSource("id", batchId));
            if (!rejections.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO batch_rejection (batch_id, source_id, error_message) VALUES (:id, :source, :error)"
                                + " ON CONFLICT DO NOTHING",
                        rejections.stream().map(r -> new MapSqlParameterSource("id", batchId)
                                .addValue("source", r.sourceId()).addValue("error", r.errorMessage()))
                                .toArray(MapSqlParameterSource[]::new));
            }
            update(batchId, "status = :status, accepted_count = :accepted, rejected_count = :rejected, message = :message,"
                            + " failure_reason = NULL, finished_at = clock_timestamp()",
                    new MapSqlParameterSource("status", status.name()).addValue("accepted", accepted)
                            .addValue("rejected", rejections.size()).addValue("message", message));
            addHistory(batchId, status, message);
        });
    }

    @Override
    public void recordFailure(int batchId, FailureReason reason, String message) {
        transaction.executeWithoutResult(tx -> {
            int changed = jdbc.update("UPDATE batch_history SET status = 'FAILED', failure_reason = :reason, message = :message,"
                            + " finished_at = clock_timestamp(), updated_at = clock_timestamp(), version = version + 1"
                            + " WHERE id = :id AND " + NOT_FINAL,
                    new MapSqlParameterSource("id", batchId).addValue("reason", reason.name()).addValue("message", message));
            if (changed > 0) { // a batch that finished meanwhile keeps its outcome
                addHistory(batchId, SendBatchStatus.FAILED, message);
            }
        });
    }

    @Override
    public boolean startRetry(int batchId, SendBatchStatus seenStatus, OffsetDateTime seenUpdatedAt) {
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            int changed = jdbc.update("UPDATE batch_history SET status = 'RETRYING', updated_at = clock_timestamp(),"
                            + " version = version + 1 WHERE id = :id AND status = :status AND updated_at = :seen",
                    new MapSqlParameterSource("id", batchId).addValue("status", seenStatus.name()).addValue("seen", seenUpdatedAt));
            if (changed > 0) {
                addHistory(batchId, SendBatchStatus.RETRYING, "Retry requested");
            }
            return changed > 0;
        }));
    }

    private void update(int batchId, String assignments, MapSqlParameterSource params) {
        jdbc.update("UPDATE batch_history SET " + assignments + ", updated_at = clock_timestamp(), version = version + 1"
                + " WHERE id = :id", params.addValue("id", batchId));
    }

    private void addHistory(int batchId, SendBatchStatus status, String message) {
        jdbc.update("INSERT INTO batch_status_history (batch_id, status, message) VALUES (:id, :status, :message)",
                new MapSqlParameterSource("id", batchId).addValue("status", status.name()).addValue("message", message));
    }

    private static SendBatch mapRow(ResultSet rs, int rowNum) throws SQLException {
        String reason = rs.getString("failure_reason");
        return new SendBatch(
                rs.getInt("id"),
                rs.getObject("start_time", OffsetDateTime.class),
                rs.getObject("previous_start_time", OffsetDateTime.class),
                SendBatchStatus.valueOf(rs.getString("status")),
                rs.getString("execution_mode"),
                rs.getString("file_name"),
                (Integer) rs.getObject("processed_count"),
                (Integer) rs.getObject("accepted_count"),
                (Integer) rs.getObject("rejected_count"),
                rs.getString("job_name"),
                (Long) rs.getObject("job_execution_id"),
                (Integer) rs.getObject("cli_exit_code"),
                reason == null ? null : FailureReason.valueOf(reason),
                rs.getString("message"),
                rs.getObject("cli_started_at", OffsetDateTime.class),
                rs.getObject("cli_finished_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getInt("version"));
    }
}
