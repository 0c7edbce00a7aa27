package org.integratedsync.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The reference of scenario 4: the same rows, generated the same way, sent with {@code COPY} into
 * a plain table with the columns of {@code vestr_fee_records} and nothing else (no key, no index,
 * no summaries), in one transaction. This is the floor for getting the rows into PostgreSQL.
 * Not thread-safe.
 */
final class RawCopyBaseline {

  static final String TABLE = """
      CREATE TABLE plain_fee_records (
          id text COLLATE "C", booking_date date, value_date date, amount numeric, currency text,
          fee_type text, source_fee_type text, product_id text, product_isin text, product_name text,
          outstanding_quantity numeric, first_seen_at timestamptz, updated_at timestamptz, sync_run_id bigint)
      """;

  private RawCopyBaseline() {}

  /** Creates the table (untimed), then times the COPY of {@code records} records and the commit. */
  static Duration run(PostgresDatabase database, long records) throws SQLException, IOException {
    try (Connection connection = database.connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(TABLE);
      }
      connection.setAutoCommit(false);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      String now = "2026-01-01T00:00:00Z";
      long start = System.nanoTime();
      for (long from = 0; from < records; from += FeeData.PAGE) {
        String csv = FeeCsv.of(FeeData.page(from, Math.min(records, from + FeeData.PAGE)), now, 1);
        copy.copyIn("COPY plain_fee_records FROM STDIN WITH (FORMAT csv)", new StringReader(csv));
      }
      connection.commit();
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }
}
