package org.integratedsync.feestore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of {@code fee_sync_status}: a sync's window, outcome and counts; immutable.
 *
 * @param id the row id (also stored as {@code sync_run_id} on the records it touched)
 * @param startedAt when the sync began
 * @param finishedAt when it ended, empty while running
 * @param status the outcome so far: running, succeeded, failed or abandoned
 * @param from first day of the window
 * @param to last day of the window
 * @param fetched records received
 * @param inserted records inserted
 * @param updated records updated
 * @param unchanged records left unchanged
 * @param deleted records deleted
 * @param error the error text of a failed or abandoned sync, empty otherwise
 */
public record SyncRun(
    long id,
    Instant startedAt,
    Optional<Instant> finishedAt,
    SyncStatus status,
    LocalDate from,
    LocalDate to,
    long fetched,
    long inserted,
    long updated,
    long unchanged,
    long deleted,
    Optional<String> error) {}
