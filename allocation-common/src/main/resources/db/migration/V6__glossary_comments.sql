-- The glossary of docs/sending.md, in the schema. Table and column names are the contract's and stay; where a
-- column's name is not the glossary's word, its comment says which word it is.

COMMENT ON TABLE batch_history IS
    'Batches: one row per batch (the contract names the table batch_history). A batch opens a window, claims the '
    'executions ready in it for good, and is run by one attempt after another until no row is left undelivered.';
COMMENT ON COLUMN batch_history.start_time IS 'When the batch opened its window; it claims the executions ready before it.';
COMMENT ON COLUMN batch_history.previous_start_time IS 'The start of the window before, which this batch''s window follows.';
COMMENT ON COLUMN batch_history.status IS
    'The batch''s status: OPEN, STARTED (handed to a worker Job), CLAIMED, FILE_WRITTEN, CLI_RUNNING, RETRYING while '
    'an attempt runs; FAILED until its next attempt; closed: COMPLETED, COMPLETED_WITH_REJECTIONS (rows refused), '
    'NOTHING_TO_SEND; SEED for the first row of the chain.';
COMMENT ON COLUMN batch_history.execution_mode IS 'How the latest attempt ran the CLI: exec, docker or kubernetes.';
COMMENT ON COLUMN batch_history.file_name IS 'The file of the latest attempt that wrote one.';
COMMENT ON COLUMN batch_history.processed_count IS 'Rows claimed: the executions the batch claimed (the contract''s name).';
COMMENT ON COLUMN batch_history.accepted_count IS 'Rows delivered, by any attempt (delivered_earlier_count of them earlier).';
COMMENT ON COLUMN batch_history.delivered_earlier_count IS 'Rows with the verdict DELIVERED_EARLIER.';
COMMENT ON COLUMN batch_history.rejected_count IS 'Rows refused: the verdict REFUSED (the contract''s name).';
COMMENT ON COLUMN batch_history.pending_count IS 'Rows not delivered yet: sent again by the next attempt.';
COMMENT ON COLUMN batch_history.job_name IS
    'The name of the Kubernetes Job (CLI Job or worker Job) or Docker container that ran the CLI for the latest attempt.';
COMMENT ON COLUMN batch_history.job_execution_id IS 'The Spring Batch job execution of the latest attempt of the send job.';
COMMENT ON COLUMN batch_history.cli_exit_code IS 'The exit code of the latest attempt''s CLI run.';
COMMENT ON COLUMN batch_history.cli_started_at IS 'When the latest attempt started the CLI.';
COMMENT ON COLUMN batch_history.cli_finished_at IS 'When the latest attempt''s CLI run ended.';
COMMENT ON COLUMN batch_history.finished_at IS 'When the latest attempt ended: the batch closed or FAILED.';
COMMENT ON COLUMN batch_history.updated_at IS 'When the row last changed.';
COMMENT ON COLUMN batch_history.failure_reason IS 'Why the batch is FAILED; decides the API''s answer.';
COMMENT ON COLUMN batch_history.message IS 'What the latest attempt made of the batch, in words.';
COMMENT ON COLUMN batch_history.attempts IS 'The number of the latest attempt (each one its own send-job instance and file).';
COMMENT ON COLUMN batch_history.next_attempt_at IS 'When a FAILED batch is due again (its backoff).';
COMMENT ON COLUMN batch_history.lease_owner IS 'The process running the current attempt; NULL when none runs, or while handed to a worker.';
COMMENT ON COLUMN batch_history.lease_expires_at IS 'When the lease runs out unless renewed; after it, another process may take the batch over.';
COMMENT ON COLUMN batch_history.verdict_recorded IS 'Whether an attempt has given the rows their verdicts (later attempts send only rows not delivered).';

COMMENT ON TABLE batch_status_history IS 'Every change of a batch''s status, with its message: one entry per step of every attempt.';

COMMENT ON TABLE send_row_verdict IS
    'Verdicts: what became of a row of a batch, kept for every row not plainly delivered (a row without one was DELIVERED).';
COMMENT ON COLUMN send_row_verdict.execution_id IS 'The row: the execution (its source id downstream is AC and this id).';
COMMENT ON COLUMN send_row_verdict.batch_id IS 'The batch that claimed the row.';
COMMENT ON COLUMN send_row_verdict.recorded_at IS 'When the attempt that gave the verdict recorded it.';
COMMENT ON COLUMN send_row_verdict.verdict IS
    'DELIVERED_EARLIER (accepted), REFUSED (refused on its merits; counted in batch_history.rejected_count) or NOT_DELIVERED (sent again).';
COMMENT ON COLUMN send_row_verdict.error_message IS 'The CLI''s words for the row.';

-- FailureReason.ABANDONED is gone (no code has written it since take-over replaced it); the API answers the same
-- SEND_FAILED for INTERNAL_ERROR.
UPDATE batch_history SET failure_reason = 'INTERNAL_ERROR' WHERE failure_reason = 'ABANDONED';
