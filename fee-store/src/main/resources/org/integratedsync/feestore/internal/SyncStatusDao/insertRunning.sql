INSERT INTO fee_sync_status (started_at, status, window_from, window_to)
VALUES (:now, 'running', :from, :to)
RETURNING id
