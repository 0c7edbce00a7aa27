-- Demo fee data for trying `integrated-sync report` on a scratch database (never on a real one).
-- Six products, two currencies (CHF, EUR), the 18 months up to today, some reversals (negative amounts),
-- one product whose latest fee is older than 45 days, and a few fee_sync_status rows.
-- Load it after `integrated-sync db migrate`, see docs/operations.md ("Fee report"):
--   psql "$SCRATCH_DATABASE" -v ON_ERROR_STOP=1 -f docs/examples/fee-report-demo.sql
-- Records are keyed 'demo-…': loading it again changes nothing.

INSERT INTO fee_sync_status (started_at, finished_at, status, window_from, window_to, fetched, inserted,
                             updated, unchanged, deleted, error)
SELECT now() - make_interval(days => d) - interval '20 minutes',
       now() - make_interval(days => d) - interval '19 minutes',
       CASE WHEN d = 3 THEN 'failed' ELSE 'succeeded' END,
       current_date - d - 30, current_date - d,
       CASE WHEN d = 3 THEN 0 ELSE 40 + d END, CASE WHEN d = 3 THEN 0 ELSE 2 END, 0,
       CASE WHEN d = 3 THEN 0 ELSE 38 + d END, CASE WHEN d = 5 THEN 1 ELSE 0 END,
       CASE WHEN d = 3 THEN 'Vestr GraphQL answered HTTP 502 three times' END
FROM generate_series(11, 0, -1) AS d
WHERE NOT EXISTS (SELECT 1 FROM vestr_fee_records WHERE id LIKE 'demo-%');

WITH products (n, product_id, name, isin, currency, base, last_day) AS (
    VALUES (1, 'P-ALPHA', 'Alpha Swiss Equity AMC', 'CH1100000001', 'CHF', 4200.00, current_date),
           (2, 'P-BETA', 'Beta Global Bond Tracker', 'CH1100000002', 'CHF', 2600.00, current_date),
           (3, 'P-GAMMA', 'Gamma Tech Basket', 'CH1100000003', 'CHF', 1750.00, current_date),
           (4, 'P-DELTA', 'Delta Income Note (closing)', 'CH1100000004', 'CHF', 900.00, current_date - 60),
           (5, 'P-EPS', 'Epsilon Euro Dividend AMC', 'DE000A0E0005', 'EUR', 3900.00, current_date),
           (6, 'P-ZETA', 'Zeta "Green" Energy & Co <Basket>', 'DE000A0Z0006', 'EUR', 1200.00, current_date)),
months AS (
    SELECT m, (date_trunc('month', current_date) - make_interval(months => m))::date AS first_day
    FROM generate_series(0, 17) AS m),
fees AS (
    -- management every month, custody every quarter, performance twice a year, other now and then
    SELECT p.*, mo.m, 'MANAGEMENT' AS fee_type, mo.first_day + 4 AS booking_date,
           round(p.base * (1 + mo.m * 0.012), 2) AS amount, 'mgmt' AS kind
    FROM products p CROSS JOIN months mo
    UNION ALL
    SELECT p.*, mo.m, 'CUSTODY', mo.first_day + 9, round(p.base * 0.35, 2), 'cust'
    FROM products p CROSS JOIN months mo WHERE mo.m % 3 = 0
    UNION ALL
    SELECT p.*, mo.m, 'PERFORMANCE', mo.first_day + 19, round(p.base * (2.5 - p.n * 0.3), 2), 'perf'
    FROM products p CROSS JOIN months mo WHERE mo.m IN (1, 7, 13) AND p.n <> 2
    UNION ALL
    SELECT p.*, mo.m, 'OTHER', mo.first_day + 14, round(120 + p.n * 15.5, 2), 'othr'
    FROM products p CROSS JOIN months mo WHERE (mo.m + p.n) % 5 = 0
    UNION ALL
    -- reversals: part of a management fee booked back a day later, or, in the month after a quarter's
    -- custody fee, a custody fee refunded (that month's custody total is negative)
    SELECT p.*, mo.m, CASE WHEN mo.m % 3 = 2 THEN 'CUSTODY' ELSE 'MANAGEMENT' END, mo.first_day + 5,
           -round(p.base * CASE WHEN mo.m % 3 = 2 THEN 0.2 ELSE 0.4 END, 2), 'rev'
    FROM products p CROSS JOIN months mo WHERE (mo.m + p.n) % 7 = 0)
INSERT INTO vestr_fee_records (id, booking_date, value_date, amount, currency, fee_type, source_fee_type,
                               product_id, product_isin, product_name, outstanding_quantity, first_seen_at,
                               updated_at)
SELECT 'demo-' || product_id || '-' || to_char(booking_date, 'YYYYMMDD') || '-' || kind, booking_date,
       booking_date + 2, amount, currency, fee_type, lower(fee_type) || '_fee', product_id, isin, name,
       100000 - n * 7250 + m * 130, now(), now()
FROM fees
WHERE booking_date <= last_day
ON CONFLICT (id) DO NOTHING;

-- the summaries, as the store keeps them (the same statements as its full re-aggregation)
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
