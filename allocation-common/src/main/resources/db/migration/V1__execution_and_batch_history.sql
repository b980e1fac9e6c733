-- The requirements' data dictionary, plus order_id, limit_price and batch_id (the batch that sent the row).
CREATE TABLE batch_history (
    id                  serial      CONSTRAINT batch_history_pk PRIMARY KEY,
    start_time          timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    previous_start_time timestamptz NOT NULL,
    version             integer     NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX batch_history_start_time_ndx ON batch_history (start_time);
CREATE UNIQUE INDEX batch_history_previous_start_time_ndx ON batch_history (previous_start_time);

CREATE TABLE execution (
    id                      serial        CONSTRAINT execution_pk PRIMARY KEY,
    execution_service_id    integer       NOT NULL CONSTRAINT execution_execution_service_id_uq UNIQUE,
    is_open                 boolean       NOT NULL DEFAULT true,
    execution_status        varchar(20)   NOT NULL,
    trade_type              varchar(10)   NOT NULL,
    destination             varchar(20)   NOT NULL,
    trade_date              date          NOT NULL,
    security_id             char(24)      NOT NULL,
    ticker                  varchar(20)   NOT NULL,
    portfolio_id            char(24),
    order_id                integer,
    quantity                decimal(18,8) NOT NULL,
    limit_price             decimal(18,8),
    received_timestamp      timestamptz   NOT NULL,
    sent_timestamp          timestamptz   NOT NULL,
    last_fill_timestamp     timestamptz,
    quantity_filled         decimal(18,8) NOT NULL DEFAULT 0,
    total_amount            decimal(18,8) DEFAULT 0,
    average_price           decimal(18,8) NOT NULL,
    ready_to_send_timestamp timestamptz   DEFAULT CURRENT_TIMESTAMP,
    -- The batch that claimed the row. A logical reference without a foreign key: a send claims up to millions
    -- of rows in one UPDATE, and a per-row constraint check tripled its time (docs/performance.md).
    batch_id                integer,
    version                 integer       NOT NULL DEFAULT 1
);
-- Only the indexes the service's own queries need: each index is paid for on every insert and on every row a
-- send claims. The other list filters are scans; index them here if the portal comes to rely on them.
CREATE INDEX execution_order_id_ndx ON execution (order_id);
-- "Ready to send, not yet sent": only unsent rows live in this index, so it stays small.
CREATE INDEX execution_unsent_ndx ON execution (ready_to_send_timestamp, id) WHERE batch_id IS NULL;
-- Streams one batch's rows in id order (the send job's keyset reader).
CREATE INDEX execution_batch_ndx ON execution (batch_id, id) WHERE batch_id IS NOT NULL;
