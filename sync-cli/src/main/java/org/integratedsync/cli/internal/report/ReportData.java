package org.integratedsync.cli.internal.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import org.integratedsync.feestore.FeeReads;
import org.integratedsync.feestore.MonthlyTotal;
import org.integratedsync.feestore.ProductTotal;
import org.integratedsync.feestore.SnapshotRow;
import org.integratedsync.feestore.SyncRun;

/**
 * What the fee report shows, read from the fee store in one transaction; immutable.
 *
 * @param from the first month of the period
 * @param to the last month of the period
 * @param generatedAt when the report was made, in the zone its times are shown in
 * @param monthlyTotals totals per month, currency and type from {@link #figuresFrom(YearMonth, YearMonth)} to
 *     {@code to}: the period plus the months the key figures compare with
 * @param productTotals totals per product and currency over the period
 * @param snapshot the rows of {@code fee_latest_snapshot}
 * @param recentSyncs the newest rows of {@code fee_sync_status}, newest first
 */
public record ReportData(
    YearMonth from,
    YearMonth to,
    ZonedDateTime generatedAt,
    List<MonthlyTotal> monthlyTotals,
    List<ProductTotal> productTotals,
    List<SnapshotRow> snapshot,
    List<SyncRun> recentSyncs) {

  /** How many rows of {@code fee_sync_status} the report lists. */
  public static final int RECENT_SYNCS = 10;

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   */
  public ReportData {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("the report period starts after it ends: " + from + " > " + to);
    }
    Objects.requireNonNull(generatedAt, "generatedAt");
    monthlyTotals = List.copyOf(monthlyTotals);
    productTotals = List.copyOf(productTotals);
    snapshot = List.copyOf(snapshot);
    recentSyncs = List.copyOf(recentSyncs);
  }

  /** Reads everything the report of {@code from}..{@code to} shows through one {@link FeeReads}. */
  public static ReportData read(FeeReads reads, YearMonth from, YearMonth to, ZonedDateTime generatedAt) {
    return new ReportData(from, to, generatedAt, reads.monthlyTotals(figuresFrom(from, to), to),
        reads.productTotals(from, to), reads.snapshot(), reads.recentSyncs(RECENT_SYNCS));
  }

  /**
   * Returns the first month the report needs monthly totals for: the period's start, or earlier for the key
   * figures (January of the last month's year, the same month a year before).
   */
  public static YearMonth figuresFrom(YearMonth from, YearMonth to) {
    YearMonth earliest = to.minusMonths(12);
    YearMonth january = YearMonth.of(to.getYear(), 1);
    YearMonth first = from.isBefore(earliest) ? from : earliest;
    return january.isBefore(first) ? january : first;
  }

  /** Returns the day the report was generated, in its zone. */
  LocalDate today() {
    return generatedAt.toLocalDate();
  }
}
