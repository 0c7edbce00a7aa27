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
