UPDATE fee_sync_status
SET status = 'abandoned', finished_at = :now,
    error = 'the process running this sync ended before finishing it (killed, crashed or lost its connection)'
WHERE status = 'running'
