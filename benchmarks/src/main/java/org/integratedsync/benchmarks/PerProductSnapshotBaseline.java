package org.integratedsync.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.postgres.PostgresDatabase;

/**
 * The baseline of scenario 6: the snapshot built with one query per product — for each product
 * (listed from the small product-totals table), fetch its latest fee of each type with the
 * {@code (product_id, booking_date)} index, pick the overall latest in Java, then write all rows
 * into a copy of {@code fee_latest_snapshot} in one transaction. Not thread-safe.
 */
final class PerProductSnapshotBaseline {

  static final String TABLE = "per_product_snapshot";

  private static final String LATEST_PER_TYPE = """
      SELECT DISTINCT ON (fee_type) fee_type, booking_date, amount, currency, id, product_name, product_isin,
             outstanding_quantity
      FROM vestr_fee_records
      WHERE product_id = ?
      ORDER BY fee_type, booking_date DESC, id DESC
      """;

  private PerProductSnapshotBaseline() {}

  private record Latest(String type, LocalDate date, BigDecimal amount, String currency, String id, String name,
      String isin, BigDecimal quantity) {}

  /** Creates the target table if needed (untimed) and times one rebuild. */
  static Duration run(PostgresDatabase database) throws SQLException {
    try (Connection connection = database.connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (LIKE fee_latest_snapshot INCLUDING ALL)");
      }
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      List<String> products = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT DISTINCT product_id FROM vestr_fee_product_totals")) {
        while (rows.next()) {
          products.add(rows.getString(1));
        }
      }
      try (PreparedStatement query = connection.prepareStatement(LATEST_PER_TYPE);
          Statement delete = connection.createStatement();
          PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " VALUES "
              + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())")) {
        delete.execute("DELETE FROM " + TABLE);
        for (String product : products) {
          query.setString(1, product);
          List<Latest> perType = new ArrayList<>();
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              perType.add(new Latest(rows.getString(1), rows.getDate(2).toLocalDate(), rows.getBigDecimal(3),
                  rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                  rows.getBigDecimal(8)));
            }
          }
          if (perType.isEmpty()) {
            continue;
          }
          Latest latest = perType.get(0);
          for (Latest candidate : perType) {
            int byDate = candidate.date().compareTo(latest.date());
            if (byDate > 0 || (byDate == 0 && candidate.id().compareTo(latest.id()) > 0)) {
              latest = candidate;
            }
          }
          insert.setString(1, product);
          insert.setString(2, latest.name());
          insert.setString(3, latest.isin());
          int column = 4;
          for (String type : new String[] {"MANAGEMENT", "PERFORMANCE", "CUSTODY"}) {
            Latest ofType = perType.stream().filter(l -> l.type().equals(type)).findFirst().orElse(null);
            insert.setDate(column++, ofType == null ? null : Date.valueOf(ofType.date()));
            insert.setBigDecimal(column++, ofType == null ? null : ofType.amount());
            insert.setString(column++, ofType == null ? null : ofType.currency());
          }
          insert.setDate(13, Date.valueOf(latest.date()));
          insert.setBigDecimal(14, latest.amount());
          insert.setString(15, latest.currency());
          insert.setString(16, latest.type());
          insert.setBigDecimal(17, latest.quantity());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      connection.commit();
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }
}
