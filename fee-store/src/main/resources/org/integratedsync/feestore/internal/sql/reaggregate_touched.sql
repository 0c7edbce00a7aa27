-- Whole days are re-aggregated from the records, whole months from the daily rows, and product totals
-- from the monthly rows: each level reads the smaller one below it.
DELETE FROM vestr_fee_daily_summaries
WHERE booking_date IN (SELECT DISTINCT booking_date FROM fee_touched);
INSERT INTO vestr_fee_daily_summaries (booking_date, product_id, fee_type, currency, total_amount, record_count)
SELECT r.booking_date, r.product_id, r.fee_type, r.currency, sum(r.amount), count(*)
FROM vestr_fee_records r
WHERE r.booking_date IN (SELECT DISTINCT booking_date FROM fee_touched)
GROUP BY r.booking_date, r.product_id, r.fee_type, r.currency;
DELETE FROM vestr_fee_monthly_summaries
WHERE month IN (SELECT DISTINCT date_trunc('month', booking_date)::date FROM fee_touched);
INSERT INTO vestr_fee_monthly_summaries (month, product_id, fee_type, currency, total_amount, record_count)
SELECT m.month, d.product_id, d.fee_type, d.currency, sum(d.total_amount), sum(d.record_count)
FROM (SELECT DISTINCT date_trunc('month', booking_date)::date AS month FROM fee_touched) m
JOIN vestr_fee_daily_summaries d
  ON d.booking_date >= m.month AND d.booking_date < (m.month + interval '1 month')::date
GROUP BY m.month, d.product_id, d.fee_type, d.currency;
DELETE FROM vestr_fee_product_totals
WHERE product_id IN (SELECT DISTINCT product_id FROM fee_touched);
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
WHERE m.product_id IN (SELECT DISTINCT product_id FROM fee_touched)
GROUP BY m.product_id, m.currency;
