package org.integratedsync.feestore;

import java.time.LocalDate;
import java.util.OptionalLong;

/**
 * The outcome of one committed (or dry-run) sync of a booking-date window; immutable.
 *
 * <p>{@code inserted + updated + unchanged} is the number of distinct ids received; {@code fetched} counts
 * every record handed to {@link FeeSync#addPage}, so it is larger when the source repeated an id.
 *
 * @param runId the {@code fee_sync_status.id} of this sync; empty for a dry run
 * @param from first booking date of the window
 * @param to last booking date of the window (inclusive)
 * @param fetched records received
 * @param inserted records new to the store
 * @param updated records whose stored values changed
 * @param unchanged records received exactly as stored (left untouched)
 * @param deleted records in the window the source no longer returned
 * @param dryRun whether nothing was changed
 */
public record SyncResult(
    OptionalLong runId,
    LocalDate from,
    LocalDate to,
    long fetched,
    long inserted,
    long updated,
    long unchanged,
    long deleted,
    boolean dryRun) {

  /** Returns whether the store was (or in a dry run, would be) changed at all. */
  public boolean changedAnything() {
    return inserted + updated + deleted > 0;
  }
}
