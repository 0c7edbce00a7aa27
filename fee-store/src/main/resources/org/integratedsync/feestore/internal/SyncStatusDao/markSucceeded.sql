UPDATE fee_sync_status
SET status = 'succeeded', finished_at = :now, fetched = :fetched, inserted = :inserted, updated = :updated,
    unchanged = :unchanged, deleted = :deleted, error = NULL
WHERE id = :runId
