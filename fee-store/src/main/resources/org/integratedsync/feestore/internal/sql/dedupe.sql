-- The source may repeat an id across pages; the last copy received wins.
INSERT INTO fee_incoming (id, booking_date, value_date, amount, currency, fee_type, source_fee_type,
                          product_id, product_isin, product_name, outstanding_quantity)
SELECT DISTINCT ON (id) id, booking_date, value_date, amount, currency, fee_type, source_fee_type,
       product_id, product_isin, product_name, outstanding_quantity
FROM fee_staging
ORDER BY id, seq DESC;
