-- Latest = greatest booking date, ties broken by the greater id (byte order). Readers keep seeing the
-- previous rows until this transaction commits.
DELETE FROM fee_latest_snapshot;
INSERT INTO fee_latest_snapshot (product_id, product_name, product_isin,
                                 latest_management_date, latest_management_amount, latest_management_currency,
                                 latest_performance_date, latest_performance_amount, latest_performance_currency,
                                 latest_custody_date, latest_custody_amount, latest_custody_currency,
                                 latest_fee_date, latest_fee_amount, latest_fee_currency, latest_fee_type,
                                 outstanding_quantity, refreshed_at)
WITH latest AS (
    SELECT DISTINCT ON (product_id) product_id, product_name, product_isin, booking_date, amount, currency, fee_type
    FROM vestr_fee_records
    ORDER BY product_id, booking_date DESC, id DESC
), latest_per_type AS (
    SELECT DISTINCT ON (product_id, fee_type) product_id, fee_type, booking_date, amount, currency
    FROM vestr_fee_records
    WHERE fee_type IN ('MANAGEMENT', 'PERFORMANCE', 'CUSTODY')
    ORDER BY product_id, fee_type, booking_date DESC, id DESC
), latest_quantity AS (
    SELECT DISTINCT ON (product_id) product_id, outstanding_quantity
    FROM vestr_fee_records
    WHERE outstanding_quantity IS NOT NULL
    ORDER BY product_id, booking_date DESC, id DESC
)
SELECT l.product_id, l.product_name, l.product_isin,
       m.booking_date, m.amount, m.currency,
       p.booking_date, p.amount, p.currency,
       c.booking_date, c.amount, c.currency,
       l.booking_date, l.amount, l.currency, l.fee_type,
       q.outstanding_quantity, CAST(:now AS timestamptz)
FROM latest l
LEFT JOIN latest_per_type m ON m.product_id = l.product_id AND m.fee_type = 'MANAGEMENT'
LEFT JOIN latest_per_type p ON p.product_id = l.product_id AND p.fee_type = 'PERFORMANCE'
LEFT JOIN latest_per_type c ON c.product_id = l.product_id AND c.fee_type = 'CUSTODY'
LEFT JOIN latest_quantity q ON q.product_id = l.product_id;
