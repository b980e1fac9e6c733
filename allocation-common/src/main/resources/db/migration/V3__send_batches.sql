-- What a send batch did: its status, the file, the CLI run and its verdict, for audit and reruns.
ALTER TABLE batch_history
    ADD COLUMN status          varchar(30)  NOT NULL DEFAULT 'OPEN',
    ADD COLUMN execution_mode  varchar(20),
    ADD COLUMN file_name       varchar(255),
    ADD COLUMN processed_count integer,
    ADD COLUMN accepted_count  integer,
    ADD COLUMN rejected_count  integer,
    ADD COLUMN job_name        varchar(253),
    ADD COLUMN job_execution_id bigint,
    ADD COLUMN cli_exit_code   integer,
    ADD COLUMN failure_reason  varchar(30),
    ADD COLUMN message         text,
    ADD COLUMN cli_started_at  timestamptz,
    ADD COLUMN cli_finished_at timestamptz,
    ADD COLUMN finished_at     timestamptz,
    ADD COLUMN updated_at      timestamptz  NOT NULL DEFAULT clock_timestamp();

CREATE TABLE batch_status_history (
    id          bigserial   CONSTRAINT batch_status_history_pk PRIMARY KEY,
    batch_id    integer     NOT NULL CONSTRAINT batch_status_history_batch_fk REFERENCES batch_history (id),
    status      varchar(30) NOT NULL,
    message     text,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX batch_status_history_batch_ndx ON batch_status_history (batch_id, id);

-- Rows the Portfolio Accounting CLI refused, with its reason.
CREATE TABLE batch_rejection (
    batch_id      integer      NOT NULL CONSTRAINT batch_rejection_batch_fk REFERENCES batch_history (id),
    source_id     varchar(50)  NOT NULL,
    error_message text         NOT NULL,
    CONSTRAINT batch_rejection_pk PRIMARY KEY (batch_id, source_id)
);

-- The very first send needs a max(start_time) to chain from: an epoch sentinel that sends nothing.
INSERT INTO batch_history (start_time, previous_start_time, status, message)
VALUES ('1970-01-01T00:00:00Z', '-infinity', 'SEED', 'Start of the batch chain');
