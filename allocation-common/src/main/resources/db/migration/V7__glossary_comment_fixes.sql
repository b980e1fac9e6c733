-- Two comments of V6 corrected. job_name holds the CLI Job (or Docker container) that ran the CLI: the worker Job the
-- API hands a batch to is never written there. pending_count says which glossary word it is, as the other columns
-- named by the contract do.
COMMENT ON COLUMN batch_history.job_name IS
    'The name of the Kubernetes Job (the CLI Job) or Docker container that ran the CLI for the latest attempt.';
COMMENT ON COLUMN batch_history.pending_count IS
    'Rows undelivered after the latest verdict (the API''s pendingCount): sent again by the next attempt.';
