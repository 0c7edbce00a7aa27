package org.integratedsync.feestore;

import java.time.YearMonth;
import java.util.List;

/**
 * The store's read queries, all answered from one consistent snapshot of the database (one read-only,
 * repeatable-read transaction), for reports and embedding applications' own views. Valid only inside
 * {@link FeeStore#read(java.util.function.Function)}; for one thread. Every method throws
 * {@link FeeStoreException} when the database fails.
 */
public interface FeeReads {

  /**
   * Returns the fees per month, currency and fee type for the months {@code from}..{@code to} (both
   * included), ordered by month, currency and type; combinations without records are absent.
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  List<MonthlyTotal> monthlyTotals(YearMonth from, YearMonth to);

  /**
   * Returns the fees per product and currency for the months {@code from}..{@code to} (both included),
   * ordered by currency, then largest total first, then product id.
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  List<ProductTotal> productTotals(YearMonth from, YearMonth to);

  /** Returns every row of {@code fee_latest_snapshot}, ordered by product id. */
  List<SnapshotRow> snapshot();

  /**
   * Returns the newest rows of {@code fee_sync_status}, newest first.
   *
   * @param limit how many at most
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  List<SyncRun> recentSyncs(int limit);
}
