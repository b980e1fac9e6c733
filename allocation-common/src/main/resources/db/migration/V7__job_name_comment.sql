-- job_name holds the CLI Job (or Docker container) that ran the CLI: the worker Job the API hands a batch to is
-- never written there. V6's comment said otherwise.
COMMENT ON COLUMN batch_history.job_name IS
    'The name of the Kubernetes Job (the CLI Job) or Docker container that ran the CLI for the latest attempt.';
