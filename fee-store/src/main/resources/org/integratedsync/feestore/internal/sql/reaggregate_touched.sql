-- Only the (day, product) cells a changed record left or entered are re-aggregated: a cell's daily rows
-- from its records, a (month, product)'s monthly rows from its daily rows, a product's totals from its
-- monthly rows. Each level reads the smaller one below it through an index, so a daily sync costs what it
-- changed, not what the store holds. fee_touched holds distinct (day, product) pairs and is analyzed.
DELETE FROM vestr_fee_daily_summaries d
USING fee_touched t
WHERE d.booking_date = t.booking_date AND d.product_id = t.product_id;
-- The fee_type list is every value the table's CHECK allows; it lets the (product, type, date) index
-- find each cell's records exactly.
INSERT INTO vestr_fee_daily_summaries (booking_date, product_id, fee_type, currency, total_amount, record_count)
SELECT r.booking_date, r.product_id, r.fee_type, r.currency, sum(r.amount), count(*)
FROM fee_touched t
JOIN vestr_fee_records r
  ON r.product_id = t.product_id AND r.booking_date = t.booking_date
 AND r.fee_type IN ('MANAGEMENT', 'PERFORMANCE', 'CUSTODY', 'OTHER')
GROUP BY r.booking_date, r.product_id, r.fee_type, r.currency;
DELETE FROM vestr_fee_monthly_summaries m
USING (SELECT DISTINCT date_trunc('month', booking_date)::date AS month, product_id FROM fee_touched) t
WHERE m.month = t.month AND m.product_id = t.product_id;
-- Each touched (month, product) reads its daily rows day by day through the daily primary key.
INSERT INTO vestr_fee_monthly_summaries (month, product_id, fee_type, currency, total_amount, record_count)
SELECT t.month, d.product_id, d.fee_type, d.currency, sum(d.total_amount), sum(d.record_count)
FROM (SELECT DISTINCT date_trunc('month', booking_date)::date AS month, product_id FROM fee_touched) t
CROSS JOIN generate_series(0, 30) AS o (n)
JOIN vestr_fee_daily_summaries d ON d.booking_date = t.month + o.n AND d.product_id = t.product_id
WHERE t.month + o.n < (t.month + interval '1 month')::date
GROUP BY t.month, d.product_id, d.fee_type, d.currency;
DELETE FROM vestr_fee_product_totals
WHERE product_id = ANY (ARRAY(SELECT DISTINCT product_id FROM fee_touched));
INSERT INTO vestr_fee_product_totals (product_id, currency, total_amount, management_total, performance_total,
                                      custody_total, other_total, record_count, first_booking_date,
                                      last_booking_date)
SELECT m.product_id, m.currency, sum(m.total_amount),
       coalesce(sum(m.total_amount) FILTER (WHERE m.fee_type = 'MANAGEMENT'), 0),
       coalesce(sum(m.total_amount) FILTER (WHERE m.fee_type = 'PERFORMANCE'), 0),
       coalesce(sum(m.total_amount) FILTER (WHERE m.fee_type = 'CUSTODY'), 0),
       coalesce(sum(m.total_amount) FILTER (WHERE m.fee_type = 'OTHER'), 0),
       sum(m.record_count),
       (SELECT min(d.booking_date) FROM vestr_fee_daily_summaries d
        WHERE d.product_id = m.product_id AND d.currency = m.currency),
       (SELECT max(d.booking_date) FROM vestr_fee_daily_summaries d
        WHERE d.product_id = m.product_id AND d.currency = m.currency)
FROM vestr_fee_monthly_summaries m
WHERE m.product_id = ANY (ARRAY(SELECT DISTINCT product_id FROM fee_touched))
GROUP BY m.product_id, m.currency;
