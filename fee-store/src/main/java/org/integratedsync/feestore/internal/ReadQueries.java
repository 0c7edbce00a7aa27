package org.integratedsync.feestore.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.integratedsync.feestore.FeeReads;
import org.integratedsync.feestore.FeeType;
import org.integratedsync.feestore.MonthlyTotal;
import org.integratedsync.feestore.ProductTotal;
import org.integratedsync.feestore.SnapshotRow;
import org.integratedsync.feestore.SnapshotRow.LatestFee;
import org.integratedsync.feestore.SyncRun;
import org.jdbi.v3.core.Handle;

/** {@link FeeReads} on the handle of one read-only transaction. */
final class ReadQueries implements FeeReads {

  private static final String MONTHLY_TOTALS = """
      SELECT month, currency, fee_type, sum(total_amount) AS total, sum(record_count) AS record_count
      FROM vestr_fee_monthly_summaries
      WHERE month BETWEEN :from AND :to
      GROUP BY month, currency, fee_type
      ORDER BY month, currency, fee_type""";

  // The name and ISIN come from the product's newest record, so they do not depend on the snapshot.
  private static final String PRODUCT_TOTALS = """
      WITH t AS (
          SELECT product_id, currency, sum(total_amount) AS total, sum(record_count) AS record_count
          FROM vestr_fee_monthly_summaries
          WHERE month BETWEEN :from AND :to
          GROUP BY product_id, currency)
      SELECT t.product_id, t.currency, t.total, t.record_count, n.product_name, n.product_isin
      FROM t LEFT JOIN LATERAL (
          SELECT r.product_name, r.product_isin FROM vestr_fee_records r
          WHERE r.product_id = t.product_id
          ORDER BY r.booking_date DESC, r.id DESC LIMIT 1) n ON true
      ORDER BY t.currency, t.total DESC, t.product_id""";

  private static final String SNAPSHOT = """
      SELECT * FROM fee_latest_snapshot ORDER BY product_id""";

  private final Handle handle;

  ReadQueries(Handle handle) {
    this.handle = handle;
  }

  @Override
  public List<MonthlyTotal> monthlyTotals(YearMonth from, YearMonth to) {
    checkPeriod(from, to);
    return handle.createQuery(MONTHLY_TOTALS).bind("from", from.atDay(1)).bind("to", to.atDay(1))
        .map((rs, ctx) -> new MonthlyTotal(
            YearMonth.from(rs.getObject("month", LocalDate.class)),
            rs.getString("currency"),
            FeeType.valueOf(rs.getString("fee_type")),
            rs.getBigDecimal("total"),
            rs.getLong("record_count")))
        .list();
  }

  @Override
  public List<ProductTotal> productTotals(YearMonth from, YearMonth to) {
    checkPeriod(from, to);
    return handle.createQuery(PRODUCT_TOTALS).bind("from", from.atDay(1)).bind("to", to.atDay(1))
        .map((rs, ctx) -> new ProductTotal(
            rs.getString("product_id"),
            Optional.ofNullable(rs.getString("product_name")),
            Optional.ofNullable(rs.getString("product_isin")),
            rs.getString("currency"),
            rs.getBigDecimal("total"),
            rs.getLong("record_count")))
        .list();
  }

  @Override
  public List<SnapshotRow> snapshot() {
    return handle.createQuery(SNAPSHOT).map((rs, ctx) -> snapshotRow(rs)).list();
  }

  @Override
  public List<SyncRun> recentSyncs(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    return handle.attach(SyncStatusDao.class).recent(limit);
  }

  private static SnapshotRow snapshotRow(ResultSet rs) throws SQLException {
    Map<FeeType, LatestFee> byType = new EnumMap<>(FeeType.class);
    for (FeeType type : List.of(FeeType.MANAGEMENT, FeeType.PERFORMANCE, FeeType.CUSTODY)) {
      LatestFee fee = fee(rs, "latest_" + type.name().toLowerCase(java.util.Locale.ROOT));
      if (fee != null) {
        byType.put(type, fee);
      }
    }
    return new SnapshotRow(
        rs.getString("product_id"),
        Optional.ofNullable(rs.getString("product_name")),
        Optional.ofNullable(rs.getString("product_isin")),
        byType,
        Objects.requireNonNull(fee(rs, "latest_fee"), "latest_fee"),
        FeeType.valueOf(rs.getString("latest_fee_type")),
        Optional.ofNullable(rs.getBigDecimal("outstanding_quantity")),
        rs.getObject("refreshed_at", OffsetDateTime.class).toInstant());
  }

  private static LatestFee fee(ResultSet rs, String prefix) throws SQLException {
    LocalDate date = rs.getObject(prefix + "_date", LocalDate.class);
    BigDecimal amount = rs.getBigDecimal(prefix + "_amount");
    String currency = rs.getString(prefix + "_currency");
    return date == null || amount == null || currency == null ? null : new LatestFee(date, amount, currency);
  }

  private static void checkPeriod(YearMonth from, YearMonth to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("period starts after it ends: " + from + " > " + to);
    }
  }
}
