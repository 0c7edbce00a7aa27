package org.integratedsync.feestore;

/**
 * Thrown by {@link FeeStore#beginSync} and {@link FeeStore#reaggregateAll()} when another sync holds the
 * store's lock (one sync at a time per database).
 */
public final class SyncInProgressException extends FeeStoreException {

  private final int holderPid;

  /**
   * Creates the exception.
   *
   * @param holderPid the PostgreSQL backend process holding the lock, or 0 if unknown
   */
  public SyncInProgressException(int holderPid) {
    super("Another fee sync is running on this database" + (holderPid > 0 ? " (PostgreSQL backend " + holderPid + ")" : "")
        + "; try again when it has finished");
    this.holderPid = holderPid;
  }

  /** Returns the PostgreSQL backend process id holding the lock, or 0 if unknown. */
  public int holderPid() {
    return holderPid;
  }
}
