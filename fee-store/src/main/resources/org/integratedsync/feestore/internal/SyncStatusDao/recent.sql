SELECT id, started_at, finished_at, status, window_from, window_to, fetched, inserted, updated, unchanged,
       deleted, error
FROM fee_sync_status
ORDER BY id DESC
LIMIT :limit
