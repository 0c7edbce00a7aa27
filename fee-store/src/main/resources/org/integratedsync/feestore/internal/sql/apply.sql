-- Set-based writes of exactly the rows that differ: new records are inserted, changed ones updated
-- (a plain INSERT avoids the speculative-insertion cost of ON CONFLICT), unchanged ones not written at all.
INSERT INTO vestr_fee_records (id, booking_date, value_date, amount, currency, fee_type, source_fee_type,
                               product_id, product_isin, product_name, outstanding_quantity,
                               first_seen_at, updated_at, sync_run_id)
SELECT i.id, i.booking_date, i.value_date, i.amount, i.currency, i.fee_type, i.source_fee_type,
       i.product_id, i.product_isin, i.product_name, i.outstanding_quantity, CAST(:now AS timestamptz),
       CAST(:now AS timestamptz), CAST(:runId AS bigint)
FROM fee_incoming i
JOIN fee_diff d ON d.id = i.id AND d.kind = 'I';
UPDATE vestr_fee_records r SET
    booking_date         = i.booking_date,
    value_date           = i.value_date,
    amount               = i.amount,
    currency             = i.currency,
    fee_type             = i.fee_type,
    source_fee_type      = i.source_fee_type,
    product_id           = i.product_id,
    product_isin         = i.product_isin,
    product_name         = i.product_name,
    outstanding_quantity = i.outstanding_quantity,
    updated_at           = CAST(:now AS timestamptz),
    sync_run_id          = CAST(:runId AS bigint)
FROM fee_incoming i
JOIN fee_diff d ON d.id = i.id AND d.kind = 'U'
WHERE r.id = i.id;
DELETE FROM vestr_fee_records r
USING fee_diff d
WHERE d.kind = 'D' AND r.id = d.id;
-- Days and products whose sums may have moved: old and new place of every changed record.
INSERT INTO fee_touched (booking_date, product_id)
SELECT old_booking_date, old_product_id FROM fee_diff WHERE kind IN ('U', 'D')
UNION
SELECT new_booking_date, new_product_id FROM fee_diff WHERE kind IN ('I', 'U');
