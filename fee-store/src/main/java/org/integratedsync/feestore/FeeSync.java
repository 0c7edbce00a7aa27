package org.integratedsync.feestore;

import java.util.List;

/**
 * One sync of a booking-date window in progress: stage every page the source returns with
 * {@link #addPage}, then {@link #commit()} once. Within the window the source is authoritative: stored
 * records in the window that no page contained are deleted on commit.
 *
 * <p>Pages are kept in a temporary file (in {@code java.io.tmpdir}, about 150 bytes per record, readable
 * only by this process's user and deleted when the sync ends) until {@link #commit()}, which does all the
 * database work in one short transaction: no statement runs and no transaction is open while the caller
 * fetches pages, so the source may take as long as it likes between pages whatever the database's
 * {@code statement_timeout} and {@code idle_in_transaction_session_timeout}. The sync holds a database
 * connection (idle; its {@code idle_session_timeout} is lifted for the sync and restored afterwards) and
 * the store's session-level sync lock until {@link #commit()}, {@link #abort} or {@link #close()}; use it
 * in try-with-resources. Not thread-safe: call it from one thread.
 */
public interface FeeSync extends AutoCloseable {

  /**
   * Stages one page of records in the sync's temporary file; nothing is sent to the database until
   * commit, so memory stays flat however many pages there are. A record the server refuses (for example
   * text holding a NUL character) is therefore reported by {@link #commit()}.
   *
   * @throws IllegalStateException if the sync is already committed, aborted or closed
   * @throws FeeStoreException if the temporary file cannot be written (for example a full disk)
   */
  void addPage(List<FeeRecord> records);

  /**
   * Copies the staged records to the database and merges them into the store in one transaction: inserts
   * new records, updates changed
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
