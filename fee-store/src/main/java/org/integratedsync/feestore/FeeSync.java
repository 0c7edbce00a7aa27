package org.integratedsync.feestore;

import java.util.List;

/**
 * One sync of a booking-date window in progress: stage every page the source returns with
 * {@link #addPage}, then {@link #commit()} once. Within the window the source is authoritative: stored
 * records in the window that no page contained are deleted on commit.
 *
 * <p>Holds a database connection and the store's sync lock until {@link #commit()}, {@link #abort} or
 * {@link #close()}; use it in try-with-resources. Not thread-safe: call it from one thread.
 */
public interface FeeSync extends AutoCloseable {

  /**
   * Stages one page of records; nothing is visible in the store until commit. Pages stream into one
   * {@code COPY} to a session-local staging table, so memory stays flat however many pages there are; a
   * record the server refuses (for example text holding a NUL character) may therefore be reported by
   * {@link #commit()} rather than by this call.
   *
   * @throws IllegalStateException if the sync is already committed, aborted or closed
   * @throws FeeStoreException if the database fails
   */
  void addPage(List<FeeRecord> records);

  /**
   * Merges the staged records into the store in one transaction: inserts new records, updates changed
   * ones, leaves unchanged ones untouched, deletes records in the window that were not staged,
   * re-aggregates the touched days, months and products, and marks the status row succeeded. A dry run
   * computes the same counts and rolls everything back. On failure the store is left as it was and the
   * status row says failed with the error.
   *
   * @throws EmptyWindowException if nothing was staged while the store holds records in the window and the
   *     options do not allow that
   * @throws IllegalStateException if called twice or after abort
   * @throws FeeStoreException if the database fails
   */
  SyncResult commit();

  /**
   * Gives up the sync: nothing is merged, the status row is marked failed with the cause's message, and
   * the connection and lock are released.
   *
   * @param cause why the sync is abandoned (for example the source's exception), or null
   */
  void abort(Throwable cause);

  /**
   * Releases the connection and the lock; a sync neither committed nor aborted is aborted. Never throws.
   */
  @Override
  void close();
}
