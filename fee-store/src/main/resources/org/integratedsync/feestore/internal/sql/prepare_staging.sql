-- Session-local work tables: invisible to other sessions, dropped with the connection, never WAL-logged.
CREATE TEMP TABLE IF NOT EXISTS fee_staging (
    seq                  bigserial,
    id                   text COLLATE "C",
    booking_date         date,
    value_date           date,
    amount               numeric,
    currency             text,
    fee_type             text,
    source_fee_type      text,
    product_id           text,
    product_isin         text,
    product_name         text,
    outstanding_quantity numeric
);
CREATE TEMP TABLE IF NOT EXISTS fee_incoming (
    id                   text COLLATE "C" PRIMARY KEY,
    booking_date         date    NOT NULL,
    value_date           date,
    amount               numeric NOT NULL,
    currency             text    NOT NULL,
    fee_type             text    NOT NULL,
    source_fee_type      text,
    product_id           text    NOT NULL,
    product_isin         text,
    product_name         text,
    outstanding_quantity numeric
);
CREATE TEMP TABLE IF NOT EXISTS fee_diff (
    id               text COLLATE "C" NOT NULL,
    kind             char(1) NOT NULL,
    old_booking_date date,
    old_product_id   text,
    new_booking_date date,
    new_product_id   text
);
CREATE TEMP TABLE IF NOT EXISTS fee_touched (
    booking_date date NOT NULL,
    product_id   text NOT NULL
);
TRUNCATE fee_staging, fee_incoming, fee_diff, fee_touched;
