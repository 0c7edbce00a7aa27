-- I = new, U = changed, S = same as stored, D = stored in the window but no longer returned
INSERT INTO fee_diff (id, kind, old_booking_date, old_product_id, new_booking_date, new_product_id)
SELECT i.id,
       CASE
           WHEN r.id IS NULL THEN 'I'
           WHEN (r.booking_date, r.value_date, r.amount, r.currency, r.fee_type, r.source_fee_type,
                 r.product_id, r.product_isin, r.product_name, r.outstanding_quantity)
                IS NOT DISTINCT FROM
                (i.booking_date, i.value_date, i.amount, i.currency, i.fee_type, i.source_fee_type,
                 i.product_id, i.product_isin, i.product_name, i.outstanding_quantity) THEN 'S'
           ELSE 'U'
       END,
       r.booking_date, r.product_id, i.booking_date, i.product_id
FROM fee_incoming i
-- One primary-key probe per incoming record (OFFSET 0 keeps the planner from flattening this into a hash
-- join over every stored record): the cost follows the window, not the size of the store.
LEFT JOIN LATERAL (
    SELECT s.id, s.booking_date, s.value_date, s.amount, s.currency, s.fee_type, s.source_fee_type,
           s.product_id, s.product_isin, s.product_name, s.outstanding_quantity
    FROM vestr_fee_records s
    WHERE s.id = i.id
    OFFSET 0
) r ON true;
INSERT INTO fee_diff (id, kind, old_booking_date, old_product_id, new_booking_date, new_product_id)
SELECT r.id, 'D', r.booking_date, r.product_id, NULL, NULL
FROM vestr_fee_records r
WHERE r.booking_date BETWEEN :from AND :to
  AND NOT EXISTS (SELECT 1 FROM fee_incoming i WHERE i.id = r.id);
