package org.integratedsync.benchmarks;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.feestore.SyncResult;
import org.integratedsync.testkit.postgres.PostgresDatabase;

/**
 * Scenario 5: the daily incremental sync on a store holding the 1,000,000-record history — the
 * last 30 days (30,000 records) fetched again with 1 % of them changed, merged, and the touched
 * days, months and products re-aggregated. Goal: under 1.5 s. The records are built before the
 * clock starts (in a real run they arrive from the network). No baseline: the goal is absolute.
 */
final class ResyncScenario implements Scenario {

  static final int WINDOW_DAYS = 30;
  private static final Duration GOAL = Duration.ofMillis(1_500);

  private final boolean analyzeFirst;

  /** The scenario as specified: the store as the million-row load left it. */
  ResyncScenario() {
    this(false);
  }

  /**
   * With {@code analyzeFirst}, a diagnostic variant (not part of the default run): the store's
   * tables are analyzed first, as autovacuum would have done on a long-lived store.
   */
  ResyncScenario(boolean analyzeFirst) {
    this.analyzeFirst = analyzeFirst;
  }

  @Override
  public String name() {
    return analyzeFirst ? "resync-analyzed" : "resync";
  }

  /** The window's records, with every hundredth one at {@code version} (a corrected amount). */
  static List<FeeRecord> window(int version) {
    long first = FeeData.RECORDS - (long) WINDOW_DAYS * FeeData.PRODUCTS;
    List<FeeRecord> records = new ArrayList<>(WINDOW_DAYS * FeeData.PRODUCTS);
    for (long i = first; i < FeeData.RECORDS; i++) {
      records.add(FeeData.record(i, i % 100 == 0 ? version : 0));
    }
    return records;
  }

  @Override
  public List<Row> run(RunContext context) {
    PostgresDatabase database = context.fixtures().historyDatabase();
    FeeStore store = FeeStore.create(database.dataSource());
    if (analyzeFirst) {
      try (java.sql.Connection connection = database.connect();
          java.sql.Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
      }
    }
    LocalDate to = FeeData.lastDay(FeeData.RECORDS);
    LocalDate from = to.minusDays(WINDOW_DAYS - 1);
    // statements slower than 200 ms, with their plans, from the server log: what bounds the re-sync
    var serverLog = ServerLog.watch(database, Duration.ofMillis(200), true);
    List<Duration> times = new ArrayList<>();
    String heap = "";
    SyncResult result = null;
    // version 1 is an untimed warm-up; every later version changes the same 300 amounts again
    for (int version = 1; version <= context.reps() + 1; version++) {
      List<FeeRecord> records = window(version);
      if (version == 2) {
        serverLog.ifPresent(ServerLog::slowStatements); // skip what the warm-up logged
      }
      HeapMeter heapMeter = version == 2 ? HeapMeter.start() : null;
      long start = System.nanoTime();
      try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
        for (int page = 0; page < records.size(); page += 500) {
          sync.addPage(records.subList(page, Math.min(records.size(), page + 500)));
        }
        result = sync.commit();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (heapMeter != null) {
        heapMeter.close();
        heap = heapMeter.describe();
      }
      if (result.updated() != 300 || result.inserted() != 0 || result.deleted() != 0) {
        throw new IllegalStateException("expected 300 updated, 0 inserted, 0 deleted: " + result);
      }
      System.err.printf(Locale.ROOT, "  %s: %s (%d fetched, %d updated, %d unchanged)%n",
          version == 1 ? "warm-up" : "rep " + (version - 1), Stats.time(took), result.fetched(), result.updated(),
          result.unchanged());
      if (version > 1) {
        times.add(took);
      }
      if (version == 2) {
        serverLog.ifPresent(log -> {
          System.err.println("  statements of this re-sync slower than 200 ms, with plans (server log):");
          log.slowStatements().forEach(line -> System.err.println("    " + line));
        });
      }
    }
    Duration median = Stats.median(times);
    return List.of(new Row("5. 30-day re-sync: 30,000 records, 1 % changed, with re-aggregation"
        + (analyzeFirst ? " (diagnostic: store analyzed first)" : ""), median,
        Stats.rate(Stats.perSecond(WINDOW_DAYS * FeeData.PRODUCTS, median), "records"), null, "", "", heap,
        "< 1.5 s", Row.verdict(median.compareTo(GOAL) < 0),
        String.format(Locale.ROOT, "median of %d runs after one warm-up (%s); each: %d fetched in pages of"
                + " 500, %d updated, %d unchanged, 30 days × 1,000 products re-aggregated, on a store of"
                + " 1,000,000 records", times.size(), Stats.reps(times), result.fetched(), result.updated(),
            result.unchanged())));
  }
}
