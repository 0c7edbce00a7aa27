package org.integratedsync.benchmarks;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.testkit.postgres.PostgresDatabase;

/**
 * The per-row reference of scenario 4: one {@code INSERT … ON CONFLICT (id) DO UPDATE} statement per
 * record into the migrated {@code vestr_fee_records}, one round trip each, in one transaction (the
 * way a loop over records upserts them). It leaves the summary tables alone, which favours it.
 * Not thread-safe.
 */
final class RowByRowUpsertBaseline {

  private static final String UPSERT = """
      INSERT INTO vestr_fee_records (id, booking_date, value_date, amount, currency, fee_type, source_fee_type,
                                     product_id, product_isin, product_name, outstanding_quantity,
                                     first_seen_at, updated_at, sync_run_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
      ON CONFLICT (id) DO UPDATE SET
          booking_date = EXCLUDED.booking_date, value_date = EXCLUDED.value_date, amount = EXCLUDED.amount,
          currency = EXCLUDED.currency, fee_type = EXCLUDED.fee_type, source_fee_type = EXCLUDED.source_fee_type,
          product_id = EXCLUDED.product_id, product_isin = EXCLUDED.product_isin,
          product_name = EXCLUDED.product_name, outstanding_quantity = EXCLUDED.outstanding_quantity,
          updated_at = EXCLUDED.updated_at
      """;

  private RowByRowUpsertBaseline() {}

  /** Times the upsert of {@code records} (already in memory) and the commit. */
  static Duration run(PostgresDatabase database, List<FeeRecord> records) throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
      long start = System.nanoTime();
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
        for (FeeRecord r : records) {
          upsert.setString(1, r.id());
          upsert.setDate(2, Date.valueOf(r.bookingDate()));
          upsert.setDate(3, r.valueDate() == null ? null : Date.valueOf(r.valueDate()));
          upsert.setBigDecimal(4, r.amount());
          upsert.setString(5, r.currency());
          upsert.setString(6, r.feeType().name());
          upsert.setString(7, r.sourceFeeType());
          upsert.setString(8, r.productId());
          upsert.setString(9, r.productIsin());
          upsert.setString(10, r.productName());
          upsert.setBigDecimal(11, r.outstandingQuantity());
          upsert.setTimestamp(12, now);
          upsert.setTimestamp(13, now);
          upsert.executeUpdate();
        }
      }
      connection.commit();
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }
}
