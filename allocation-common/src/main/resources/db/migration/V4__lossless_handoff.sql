-- A verdict for every row, a lease on every running send, and automatic retries with backoff.

ALTER TABLE batch_history
    -- How many runs have taken this batch, and when the next automatic retry is due after a failure.
    ADD COLUMN attempts                integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at         timestamptz,
    -- Who is running the batch now, and until when; a run renews its lease while it works, so an expired
    -- lease means the process running it is gone and the batch can be taken over.
    ADD COLUMN lease_owner             varchar(100),
    ADD COLUMN lease_expires_at        timestamptz,
    -- Set once the CLI's verdict has been recorded: from then on only rows still NOT_DELIVERED are re-sent.
    ADD COLUMN verdict_recorded        boolean     NOT NULL DEFAULT false,
    ADD COLUMN delivered_earlier_count integer,
    ADD COLUMN pending_count           integer;

-- Every row of a batch that Portfolio Accounting did not plainly take: rows absent from here were delivered
-- (once the batch's verdict is recorded). Only the exceptions are stored, so a million-row batch that went
-- through costs nothing here.
CREATE TABLE send_row_verdict (
    execution_id  integer     CONSTRAINT send_row_verdict_pk PRIMARY KEY,
    batch_id      integer     NOT NULL,
    verdict       varchar(20) NOT NULL
        CONSTRAINT send_row_verdict_verdict_ck CHECK (verdict IN ('DELIVERED_EARLIER', 'REFUSED', 'NOT_DELIVERED')),
    error_message text        NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX send_row_verdict_batch_ndx ON send_row_verdict (batch_id, verdict);

-- Refusals recorded before this version become REFUSED verdicts.
INSERT INTO send_row_verdict (execution_id, batch_id, verdict, error_message)
SELECT substring(source_id FROM 3)::integer, batch_id, 'REFUSED', error_message
FROM batch_rejection
WHERE source_id ~ '^AC[0-9]{1,9}$'
ON CONFLICT DO NOTHING;
UPDATE batch_history SET verdict_recorded = true, delivered_earlier_count = 0, pending_count = 0
WHERE status IN ('COMPLETED', 'COMPLETED_WITH_REJECTIONS');
DROP TABLE batch_rejection;

CREATE INDEX batch_history_unfinished_ndx ON batch_history (id)
    WHERE status NOT IN ('COMPLETED', 'COMPLETED_WITH_REJECTIONS', 'NOTHING_TO_SEND', 'SEED');
