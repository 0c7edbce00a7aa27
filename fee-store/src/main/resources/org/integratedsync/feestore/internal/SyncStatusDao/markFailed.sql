UPDATE fee_sync_status
SET status = 'failed', finished_at = :now, fetched = :fetched, error = :error
WHERE id = :runId AND status = 'running'
