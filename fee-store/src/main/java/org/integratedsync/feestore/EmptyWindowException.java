package org.integratedsync.feestore;

import java.time.LocalDate;

/**
 * Thrown by {@link FeeSync#commit()} when the source returned no records for a window in which the store
 * holds records: applying it would delete them all, which is refused unless
 * {@link SyncOptions#allowEmptyWindow()} says otherwise. Nothing was changed.
 */
public final class EmptyWindowException extends FeeStoreException {

  private final LocalDate from;
  private final LocalDate to;
  private final long storedRecords;

  /**
   * Creates the exception.
   *
   * @param from first day of the window
   * @param to last day of the window
   * @param storedRecords records the store holds in the window
   */
  public EmptyWindowException(LocalDate from, LocalDate to, long storedRecords) {
    super("The source returned no fee records for " + from + " to " + to + ", but the store holds "
        + storedRecords + " there; refusing to delete them. If those fees really were all reversed, run again "
        + "allowing an empty window.");
    this.from = from;
    this.to = to;
    this.storedRecords = storedRecords;
  }

  /** Returns the first day of the window. */
  public LocalDate from() {
    return from;
  }

  /** Returns the last day of the window. */
  public LocalDate to() {
    return to;
  }

  /** Returns how many records the store holds in the window. */
  public long storedRecords() {
    return storedRecords;
  }
}
