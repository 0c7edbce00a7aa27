package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Checks on the store written independently of the store's own SQL: expected values come from Java
 * models or from plain GROUP BY queries over the records.
 */
final class StoreAssertions implements AutoCloseable {

  // One connection for all checks: opening a PostgreSQL connection costs far more than a query.
  private final Connection connection;

  StoreAssertions(DataSource dataSource) throws SQLException {
    this.connection = dataSource.getConnection();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  static final List<String> TABLES = List.of("vestr_fee_records", "vestr_fee_daily_summaries",
      "vestr_fee_monthly_summaries", "vestr_fee_product_totals", "fee_sync_status", "fee_latest_snapshot");

  void truncateAll() throws SQLException {
    execute("TRUNCATE " + String.join(", ", TABLES));
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  List<List<Object>> rows(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          // compare numbers by value, not scale
          row.add(value instanceof BigDecimal number ? number.stripTrailingZeros() : value);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  long count(String sql) throws SQLException {
    return ((Number) rows(sql).get(0).get(0)).longValue();
  }

  /** Every summary table equals a GROUP BY over the records, and sums per product and currency agree. */
  void assertSummariesConsistent() throws SQLException {
    assertThat(rows("SELECT booking_date, product_id, fee_type, currency, total_amount, record_count "
        + "FROM vestr_fee_daily_summaries ORDER BY 1, 2, 3, 4"))
        .as("daily summaries")
        .isEqualTo(rows("SELECT booking_date, product_id, fee_type, currency, sum(amount), count(*) "
            + "FROM vestr_fee_records GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"));
    assertThat(rows("SELECT month, product_id, fee_type, currency, total_amount, record_count "
        + "FROM vestr_fee_monthly_summaries ORDER BY 1, 2, 3, 4"))
        .as("monthly summaries")
        .isEqualTo(rows("SELECT make_date(extract(year FROM booking_date)::int, "
            + "extract(month FROM booking_date)::int, 1), product_id, fee_type, currency, sum(amount), count(*) "
            + "FROM vestr_fee_records GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"));
    assertThat(rows("SELECT product_id, currency, total_amount, management_total, performance_total, "
        + "custody_total, other_total, record_count, first_booking_date, last_booking_date "
        + "FROM vestr_fee_product_totals ORDER BY 1, 2"))
        .as("product totals")
        .isEqualTo(rows("SELECT product_id, currency, sum(amount), "
            + "sum(CASE WHEN fee_type = 'MANAGEMENT' THEN amount ELSE 0 END), "
            + "sum(CASE WHEN fee_type = 'PERFORMANCE' THEN amount ELSE 0 END), "
            + "sum(CASE WHEN fee_type = 'CUSTODY' THEN amount ELSE 0 END), "
            + "sum(CASE WHEN fee_type = 'OTHER' THEN amount ELSE 0 END), count(*), min(booking_date), max(booking_date) "
            + "FROM vestr_fee_records GROUP BY 1, 2 ORDER BY 1, 2"));
    // The invariant as the dashboards state it.
    String perProduct = "SELECT product_id, currency, sum(%s) FROM %s GROUP BY 1, 2 ORDER BY 1, 2";
    List<List<Object>> fromRecords = rows(perProduct.formatted("amount", "vestr_fee_records"));
    assertThat(rows(perProduct.formatted("total_amount", "vestr_fee_daily_summaries"))).isEqualTo(fromRecords);
    assertThat(rows(perProduct.formatted("total_amount", "vestr_fee_monthly_summaries"))).isEqualTo(fromRecords);
    assertThat(rows(perProduct.formatted("total_amount", "vestr_fee_product_totals"))).isEqualTo(fromRecords);
  }

  /** The stored records equal the model, field by field (amounts by value). */
  void assertRecordsEqual(Collection<FeeRecord> expected) throws SQLException {
    List<List<Object>> actual = rows("SELECT id, booking_date, value_date, amount, currency, fee_type, "
        + "source_fee_type, product_id, product_isin, product_name, outstanding_quantity "
        + "FROM vestr_fee_records ORDER BY id COLLATE \"C\"");
    List<List<Object>> wanted = expected.stream()
        .sorted(Comparator.comparing(FeeRecord::id))
        .map(StoreAssertions::asRow)
        .toList();
    assertThat(actual).as("stored records").isEqualTo(wanted);
  }

  private static List<Object> asRow(FeeRecord r) {
    List<Object> row = new ArrayList<>();
    row.add(r.id());
    row.add(java.sql.Date.valueOf(r.bookingDate()));
    row.add(r.valueDate() == null ? null : java.sql.Date.valueOf(r.valueDate()));
    row.add(r.amount().stripTrailingZeros());
    row.add(r.currency());
    row.add(r.feeType().name());
    row.add(r.sourceFeeType());
    row.add(r.productId());
    row.add(r.productIsin());
    row.add(r.productName());
    row.add(r.outstandingQuantity() == null ? null : r.outstandingQuantity().stripTrailingZeros());
    return row;
  }

  /** The snapshot equals what the records say, computed here in Java. */
  void assertSnapshotMatches(Collection<FeeRecord> records) throws SQLException {
    Comparator<FeeRecord> latestFirst = Comparator.comparing(FeeRecord::bookingDate)
        .thenComparing(FeeRecord::id).reversed();
    Map<String, List<FeeRecord>> byProduct = new TreeMap<>();
    for (FeeRecord record : records) {
      byProduct.computeIfAbsent(record.productId(), key -> new ArrayList<>()).add(record);
    }
    List<List<Object>> expected = new ArrayList<>();
    for (Map.Entry<String, List<FeeRecord>> product : byProduct.entrySet()) {
      List<FeeRecord> sorted = product.getValue().stream().sorted(latestFirst).toList();
      FeeRecord latest = sorted.get(0);
      List<Object> row = new ArrayList<>(List.of(product.getKey()));
      row.add(latest.productName());
      row.add(latest.productIsin());
      for (FeeType type : List.of(FeeType.MANAGEMENT, FeeType.PERFORMANCE, FeeType.CUSTODY)) {
        FeeRecord ofType = sorted.stream().filter(r -> r.feeType() == type).findFirst().orElse(null);
        row.add(ofType == null ? null : java.sql.Date.valueOf(ofType.bookingDate()));
        row.add(ofType == null ? null : ofType.amount().stripTrailingZeros());
        row.add(ofType == null ? null : ofType.currency());
      }
      row.add(java.sql.Date.valueOf(latest.bookingDate()));
      row.add(latest.amount().stripTrailingZeros());
      row.add(latest.currency());
      row.add(latest.feeType().name());
      row.add(sorted.stream().map(FeeRecord::outstandingQuantity).filter(Objects::nonNull).findFirst()
          .map(BigDecimal::stripTrailingZeros).orElse(null));
      expected.add(row);
    }
    assertThat(rows("SELECT product_id, product_name, product_isin, "
        + "latest_management_date, latest_management_amount, latest_management_currency, "
        + "latest_performance_date, latest_performance_amount, latest_performance_currency, "
        + "latest_custody_date, latest_custody_amount, latest_custody_currency, "
        + "latest_fee_date, latest_fee_amount, latest_fee_currency, latest_fee_type, outstanding_quantity "
        + "FROM fee_latest_snapshot ORDER BY product_id COLLATE \"C\""))
        .as("snapshot")
        .isEqualTo(expected);
  }

  /** A copy of every fee table's content, to prove a failed sync changed nothing. */
  Map<String, List<List<Object>>> dumpDataTables() throws SQLException {
    Map<String, List<List<Object>>> dump = new LinkedHashMap<>();
    for (String table : TABLES) {
      if (!table.equals("fee_sync_status")) {
        dump.put(table, rows("SELECT * FROM " + table + " ORDER BY 1, 2, 3"));
      }
    }
    return dump;
  }

  static FeeRecord record(String id, String date, String amount, String currency, FeeType type, String product) {
    return new FeeRecord(id, LocalDate.parse(date), LocalDate.parse(date).plusDays(2), new BigDecimal(amount),
        currency, type, type.name().toLowerCase() + "_fee", product, "CH00" + product, "Product " + product, null);
  }
}
