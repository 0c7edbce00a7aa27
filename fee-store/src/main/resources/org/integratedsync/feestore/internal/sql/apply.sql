-- One upsert for new and changed records; unchanged ones are not written at all.
INSERT INTO vestr_fee_records (id, booking_date, value_date, amount, currency, fee_type, source_fee_type,
                               product_id, product_isin, product_name, outstanding_quantity,
                               first_seen_at, updated_at, sync_run_id)
SELECT i.id, i.booking_date, i.value_date, i.amount, i.currency, i.fee_type, i.source_fee_type,
       i.product_id, i.product_isin, i.product_name, i.outstanding_quantity, CAST(:now AS timestamptz), CAST(:now AS timestamptz),
       CAST(:runId AS bigint)
FROM fee_incoming i
JOIN fee_diff d ON d.id = i.id AND d.kind IN ('I', 'U')
ON CONFLICT (id) DO UPDATE SET
    booking_date         = EXCLUDED.booking_date,
    value_date           = EXCLUDED.value_date,
    amount               = EXCLUDED.amount,
    currency             = EXCLUDED.currency,
    fee_type             = EXCLUDED.fee_type,
    source_fee_type      = EXCLUDED.source_fee_type,
    product_id           = EXCLUDED.product_id,
    product_isin         = EXCLUDED.product_isin,
    product_name         = EXCLUDED.product_name,
    outstanding_quantity = EXCLUDED.outstanding_quantity,
    updated_at           = EXCLUDED.updated_at,
    sync_run_id          = EXCLUDED.sync_run_id;
DELETE FROM vestr_fee_records r
USING fee_diff d
WHERE d.kind = 'D' AND r.id = d.id;
-- Days and products whose sums may have moved: old and new place of every changed record.
INSERT INTO fee_touched (booking_date, product_id)
SELECT old_booking_date, old_product_id FROM fee_diff WHERE kind IN ('U', 'D')
UNION
SELECT new_booking_date, new_product_id FROM fee_diff WHERE kind IN ('I', 'U');
