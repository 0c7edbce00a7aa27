-- Constraints dashboards can rely on, and one full re-aggregation: a store adopted from tables that
-- existed before (checked column by column against V1 before it ran) gets summaries and product totals
-- that agree with its records. On a store that was already the fee store's own it changes nothing.
-- A large store takes a while to re-aggregate: this migration's transaction sets its own timeout, above
-- the short statement timeouts some hosted databases give their roles.
SET LOCAL statement_timeout = '30min';

-- Adopted tables may have their text keys in the database's default collation: the store breaks ties
-- between records of one day by the greater id in byte order, so its keys use "C" (as V1 creates them).
DO $$
BEGIN
    IF (SELECT c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation
        WHERE a.attrelid = 'vestr_fee_records'::regclass AND a.attname = 'id') <> 'C' THEN
        ALTER TABLE vestr_fee_records ALTER COLUMN id TYPE text COLLATE "C";
    END IF;
    IF (SELECT c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation
        WHERE a.attrelid = 'fee_latest_snapshot'::regclass AND a.attname = 'product_id') <> 'C' THEN
        ALTER TABLE fee_latest_snapshot ALTER COLUMN product_id TYPE text COLLATE "C";
    END IF;
END
$$;

ALTER TABLE vestr_fee_records
    ADD CONSTRAINT vestr_fee_records_currency_check CHECK (currency ~ '^[A-Z]{3}$');

-- A record names the sync that last wrote it; deleting that status row keeps the record.
UPDATE vestr_fee_records r SET sync_run_id = NULL
WHERE r.sync_run_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM fee_sync_status s WHERE s.id = r.sync_run_id);
ALTER TABLE vestr_fee_records
    ADD CONSTRAINT vestr_fee_records_sync_run_id_fkey FOREIGN KEY (sync_run_id)
        REFERENCES fee_sync_status (id) ON DELETE SET NULL;

ALTER TABLE fee_sync_status
    ADD CONSTRAINT fee_sync_status_window_check CHECK (window_from <= window_to),
    ADD CONSTRAINT fee_sync_status_finished_check CHECK (status = 'running' OR finished_at IS NOT NULL);
-- Never used: the newest runs are read by id.
DROP INDEX IF EXISTS fee_sync_status_started_idx;

DELETE FROM vestr_fee_daily_summaries;
DELETE FROM vestr_fee_monthly_summaries;
DELETE FROM vestr_fee_product_totals;
INSERT INTO vestr_fee_daily_summaries (booking_date, product_id, fee_type, currency, total_amount, record_count)
SELECT booking_date, product_id, fee_type, currency, sum(amount), count(*)
FROM vestr_fee_records
GROUP BY booking_date, product_id, fee_type, currency;
INSERT INTO vestr_fee_monthly_summaries (month, product_id, fee_type, currency, total_amount, record_count)
SELECT date_trunc('month', booking_date)::date, product_id, fee_type, currency, sum(total_amount), sum(record_count)
FROM vestr_fee_daily_summaries
GROUP BY date_trunc('month', booking_date)::date, product_id, fee_type, currency;
INSERT INTO vestr_fee_product_totals (product_id, currency, total_amount, management_total, performance_total,
                                      custody_total, other_total, record_count, first_booking_date,
                                      last_booking_date)
SELECT product_id, currency, sum(total_amount),
       coalesce(sum(total_amount) FILTER (WHERE fee_type = 'MANAGEMENT'), 0),
       coalesce(sum(total_amount) FILTER (WHERE fee_type = 'PERFORMANCE'), 0),
       coalesce(sum(total_amount) FILTER (WHERE fee_type = 'CUSTODY'), 0),
       coalesce(sum(total_amount) FILTER (WHERE fee_type = 'OTHER'), 0),
       sum(record_count), min(booking_date), max(booking_date)
FROM vestr_fee_daily_summaries
GROUP BY product_id, currency;

ALTER TABLE vestr_fee_daily_summaries
    ADD CONSTRAINT vestr_fee_daily_summaries_currency_check CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE vestr_fee_monthly_summaries
    ADD CONSTRAINT vestr_fee_monthly_summaries_currency_check CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE vestr_fee_product_totals
    ADD CONSTRAINT vestr_fee_product_totals_currency_check CHECK (currency ~ '^[A-Z]{3}$');
