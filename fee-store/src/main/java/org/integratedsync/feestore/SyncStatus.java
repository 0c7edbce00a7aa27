package org.integratedsync.feestore;

import java.util.Locale;

/**
 * The outcome of a sync, as stored in the {@code status} column of {@code fee_sync_status}. The
 * column keeps the lower-case text values ({@link #columnValue()}), which dashboards read.
 */
public enum SyncStatus {
  /** The sync has started and has neither committed nor failed yet. */
  RUNNING,
  /** The sync committed its changes. */
  SUCCEEDED,
  /** The sync failed and changed nothing; {@link SyncRun#error()} says why. */
  FAILED,
  /**
   * The process running the sync ended before finishing it (killed, crashed or lost its
   * connection); the next sync marked it so, and it changed nothing.
   */
  ABANDONED;

  /** Returns the text stored in {@code fee_sync_status.status}, for example {@code succeeded}. */
  public String columnValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the status a {@code fee_sync_status.status} value stands for.
   *
   * @throws IllegalArgumentException if the text is not one of {@code running}, {@code succeeded},
   *     {@code failed} or {@code abandoned}
   */
  public static SyncStatus fromColumnValue(String value) {
    for (SyncStatus status : values()) {
      if (status.columnValue().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown fee_sync_status.status value '" + value + "'");
  }
}
