package org.integratedsync.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.testkit.postgres.PostgresDatabase;

/**
 * Scenario 6: {@link FeeStore#rebuildSnapshot()} over 1,000 products and 1,000,000 records, against
 * {@link PerProductSnapshotBaseline}; goal: at least 10× faster. Both results are compared row by
 * row, and the plan of the store's statement is printed (EXPLAIN ANALYZE, rolled back) to show what
 * bounds it.
 */
final class SnapshotScenario implements Scenario {

  private static final double GOAL_SPEEDUP = 10;
  private static final String SNAPSHOT_SQL = "/org/integratedsync/feestore/internal/sql/rebuild_snapshot.sql";

  @Override
  public String name() {
    return "snapshot";
  }

  @Override
  public List<Row> run(RunContext context) throws Exception {
    PostgresDatabase database = context.fixtures().historyDatabase();
    FeeStore store = FeeStore.create(database.dataSource());
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("VACUUM ANALYZE vestr_fee_records");
    }
    List<Duration> ours = new ArrayList<>();
    List<Duration> baseline = new ArrayList<>();
    String heap = "";
    int rows = 0;
    for (int rep = -1; rep < context.reps(); rep++) {
      HeapMeter heapMeter = rep == 0 ? HeapMeter.start() : null;
      long start = System.nanoTime();
      rows = store.rebuildSnapshot();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (heapMeter != null) {
        heapMeter.close();
        heap = heapMeter.describe();
      }
      if (rep < 0) {
        System.err.printf(Locale.ROOT, "  warm-up: set-based %s (%d rows)%n", Stats.time(took), rows);
        continue;
      }
      Duration perProduct = PerProductSnapshotBaseline.run(database);
      System.err.printf(Locale.ROOT, "  rep %d: set-based %s (%d rows), one query per product %s%n", rep + 1,
          Stats.time(took), rows, Stats.time(perProduct));
      {
        ours.add(took);
        baseline.add(perProduct);
      }
    }
    int differing = differences(database);
    printPlan(database);
    Duration oursMedian = Stats.median(ours);
    Duration baselineMedian = Stats.median(baseline);
    boolean met = Stats.ratio(oursMedian, baselineMedian) >= GOAL_SPEEDUP && differing == 0 && rows == FeeData.PRODUCTS;
    return List.of(new Row("6. snapshot rebuild: 1,000 products, 1,000,000 records", oursMedian,
        rows + " rows", baselineMedian, "one query per product", Stats.speedup(oursMedian, baselineMedian), heap,
        "≥ 10× faster", Row.verdict(met),
        String.format(Locale.ROOT, "median of %d runs each, ours after one warm-up (ours %s; per product %s); the two"
                + " snapshots differ in %d of %d rows; the store's plan is printed on standard error",
            ours.size(), Stats.reps(ours), Stats.reps(baseline), differing, rows)));
  }

  /** Rows of the store's snapshot that the per-product baseline computed differently. */
  private static int differences(PostgresDatabase database) throws SQLException {
    String sql = """
        SELECT count(*) FROM fee_latest_snapshot s
        FULL JOIN %s b ON b.product_id = s.product_id
        WHERE (s.product_name, s.product_isin, s.latest_management_date, s.latest_management_amount,
               s.latest_management_currency, s.latest_performance_date, s.latest_performance_amount,
               s.latest_performance_currency, s.latest_custody_date, s.latest_custody_amount,
               s.latest_custody_currency, s.latest_fee_date, s.latest_fee_amount, s.latest_fee_currency,
               s.latest_fee_type, s.outstanding_quantity)
          IS DISTINCT FROM
              (b.product_name, b.product_isin, b.latest_management_date, b.latest_management_amount,
               b.latest_management_currency, b.latest_performance_date, b.latest_performance_amount,
               b.latest_performance_currency, b.latest_custody_date, b.latest_custody_amount,
               b.latest_custody_currency, b.latest_fee_date, b.latest_fee_amount, b.latest_fee_currency,
               b.latest_fee_type, b.outstanding_quantity)
        """.formatted(PerProductSnapshotBaseline.TABLE);
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Prints EXPLAIN (ANALYZE, BUFFERS) of the store's snapshot statement, rolled back. */
  private static void printPlan(PostgresDatabase database) throws SQLException, IOException {
    String script;
    try (InputStream in = FeeStore.class.getResourceAsStream(SNAPSHOT_SQL)) {
      if (in == null) {
        System.err.println("  (snapshot SQL not found in the fee-store jar; no plan)");
        return;
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String insert = null;
    for (String statement : script.split(";")) {
      String code = statement.lines().filter(line -> !line.strip().startsWith("--"))
          .reduce("", (a, b) -> a + "\n" + b).strip();
      if (code.startsWith("INSERT")) {
        insert = code.replace("CAST(:now AS timestamptz)", "now()");
      }
    }
    if (insert == null) {
      return;
    }
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DELETE FROM fee_latest_snapshot");
        System.err.println("  plan of the store's snapshot statement (EXPLAIN ANALYZE, rolled back):");
        try (ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + insert)) {
          while (rows.next()) {
            System.err.println("    " + rows.getString(1));
          }
        }
      } finally {
        connection.rollback();
      }
    }
  }
}
