-- Latest = greatest booking date, ties broken by the greater id (byte order); the outstanding quantity is
-- the latest non-null one. Readers keep seeing the previous rows until this transaction commits.
DELETE FROM fee_latest_snapshot;
-- One statement, driven by index probes: the distinct products by a loose index scan, then per product
-- and fee type the newest record (and the newest with a quantity) from the
-- (product_id, fee_type, booking_date, id) index. The newest of a product's per-type newest records is
-- its newest record.
INSERT INTO fee_latest_snapshot (product_id, product_name, product_isin,
                                 latest_management_date, latest_management_amount, latest_management_currency,
                                 latest_performance_date, latest_performance_amount, latest_performance_currency,
                                 latest_custody_date, latest_custody_amount, latest_custody_currency,
                                 latest_fee_date, latest_fee_amount, latest_fee_currency, latest_fee_type,
                                 outstanding_quantity, refreshed_at)
WITH RECURSIVE products (product_id) AS (
    (SELECT product_id FROM vestr_fee_records ORDER BY product_id LIMIT 1)
    UNION ALL
    SELECT (SELECT r.product_id FROM vestr_fee_records r WHERE r.product_id > p.product_id
            ORDER BY r.product_id LIMIT 1)
    FROM products p
    WHERE p.product_id IS NOT NULL
), per_type AS (
    SELECT p.product_id, t.fee_type, l.id, l.booking_date, l.amount, l.currency, l.product_name, l.product_isin,
           q.id AS quantity_id, q.booking_date AS quantity_date, q.outstanding_quantity
    FROM products p
    CROSS JOIN (VALUES ('MANAGEMENT'), ('PERFORMANCE'), ('CUSTODY'), ('OTHER')) AS t (fee_type)
    JOIN LATERAL (
        SELECT r.id, r.booking_date, r.amount, r.currency, r.product_name, r.product_isin
        FROM vestr_fee_records r
        WHERE r.product_id = p.product_id AND r.fee_type = t.fee_type
        ORDER BY r.booking_date DESC, r.id DESC
        LIMIT 1
    ) l ON true
    LEFT JOIN LATERAL (
        SELECT r.id, r.booking_date, r.outstanding_quantity
        FROM vestr_fee_records r
        WHERE r.product_id = p.product_id AND r.fee_type = t.fee_type AND r.outstanding_quantity IS NOT NULL
        ORDER BY r.booking_date DESC, r.id DESC
        LIMIT 1
    ) q ON true
    WHERE p.product_id IS NOT NULL
), latest AS (
    SELECT DISTINCT ON (product_id) product_id, fee_type, booking_date, amount, currency, product_name, product_isin
    FROM per_type
    ORDER BY product_id, booking_date DESC, id DESC
), quantity AS (
    SELECT DISTINCT ON (product_id) product_id, outstanding_quantity
    FROM per_type
    WHERE quantity_id IS NOT NULL
    ORDER BY product_id, quantity_date DESC, quantity_id DESC
)
SELECT l.product_id, l.product_name, l.product_isin,
       m.booking_date, m.amount, m.currency,
       p.booking_date, p.amount, p.currency,
       c.booking_date, c.amount, c.currency,
       l.booking_date, l.amount, l.currency, l.fee_type,
       q.outstanding_quantity, CAST(:now AS timestamptz)
FROM latest l
LEFT JOIN per_type m ON m.product_id = l.product_id AND m.fee_type = 'MANAGEMENT'
LEFT JOIN per_type p ON p.product_id = l.product_id AND p.fee_type = 'PERFORMANCE'
LEFT JOIN per_type c ON c.product_id = l.product_id AND c.fee_type = 'CUSTODY'
LEFT JOIN quantity q ON q.product_id = l.product_id;
