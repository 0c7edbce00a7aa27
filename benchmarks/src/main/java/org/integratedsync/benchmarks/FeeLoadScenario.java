package org.integratedsync.benchmarks;

import java.time.Duration;
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
 * Scenario 4: 1,000,000 fee records into an empty, migrated store through {@link FeeStore} (pages
 * spooled to a temporary file, then one transaction: COPY straight into the records with their indexes and
 * keys built afterwards, summaries), against
 * {@link RawCopyBaseline}; goal: within 2× of it.
 * Then the per-row rate on a 20,000-row sample against {@link RowByRowUpsertBaseline}. The last
 * loaded database is handed on as the history of scenarios 5 and 6.
 */
final class FeeLoadScenario implements Scenario {

  /** The million-row load takes minutes here: run it this often at most. */
  static final int MAX_LOAD_REPS = 1;
  static final int MAX_SAMPLE_REPS = 3;
  static final int SAMPLE = 20_000;
  private static final double GOAL_FACTOR = 2.0;

  @Override
  public String name() {
    return "feeload";
  }

  @Override
  public List<Row> run(RunContext context) throws Exception {
    Fixtures fixtures = context.fixtures();
    int reps = Math.min(MAX_LOAD_REPS, context.reps());
    List<Duration> ours = new ArrayList<>();
    List<Duration> copies = new ArrayList<>();
    String heap = "";
    SyncResult lastResult = null;
    for (int rep = 0; rep < reps; rep++) {
      PostgresDatabase database = fixtures.newDatabase("load");
      FeeStore store = FeeStore.create(database.dataSource());
      store.migrate();
      // the statements' own durations, from the server log, show what bounds the load
      var serverLog = rep == 0 ? ServerLog.watch(database, Duration.ofMillis(300)) : java.util.Optional.<ServerLog>empty();
      HeapMeter heapMeter = rep == 0 ? HeapMeter.start() : null;
      long start = System.nanoTime();
      try (FeeSync sync = store.beginSync(FeeData.FIRST_DAY, FeeData.lastDay(FeeData.RECORDS), SyncOptions.DEFAULTS)) {
        for (long from = 0; from < FeeData.RECORDS; from += FeeData.PAGE) {
          sync.addPage(FeeData.page(from, Math.min(FeeData.RECORDS, from + FeeData.PAGE)));
        }
        lastResult = sync.commit();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (heapMeter != null) {
        heapMeter.close();
        heap = heapMeter.describe();
      }
      serverLog.ifPresent(log -> {
        System.err.println("  statements of the load slower than 300 ms (server log):");
        log.slowStatements().forEach(line -> System.err.println("    " + line));
      });
      if (lastResult.inserted() != FeeData.RECORDS) {
        throw new IllegalStateException("expected " + FeeData.RECORDS + " inserted, got " + lastResult);
      }
      ours.add(took);
      if (rep == reps - 1) {
        fixtures.offerHistoryDatabase(database);
      } else {
        fixtures.drop(database);
      }

      PostgresDatabase plain = fixtures.newDatabase("copy");
      Duration copy = RawCopyBaseline.run(plain, FeeData.RECORDS);
      copies.add(copy);
      fixtures.drop(plain);
      System.err.printf(Locale.ROOT, "  rep %d: fee store %s, raw COPY %s%n", rep + 1, Stats.time(took),
          Stats.time(copy));
    }
    Duration oursMedian = Stats.median(ours);
    Duration copyMedian = Stats.median(copies);
    double factor = oursMedian.toNanos() / (double) copyMedian.toNanos();
    Row load = new Row("4. 1,000,000 fee records into an empty store", oursMedian,
        Stats.rate(Stats.perSecond(FeeData.RECORDS, oursMedian), "rows"), copyMedian,
        "raw COPY, " + Stats.rate(Stats.perSecond(FeeData.RECORDS, copyMedian), "rows"),
        String.format(Locale.ROOT, "%.2f× the COPY time", factor), heap, "≤ 2× raw COPY",
        Row.verdict(factor <= GOAL_FACTOR),
        String.format(Locale.ROOT, "%d run(s) each, a run takes minutes here (ours %s; COPY %s). Ours: pages spooled to"
                + " a temporary file as they are generated, then one transaction: COPY from the spool straight into"
                + " vestr_fee_records (empty store) with its CHECKs, its primary key, two indexes and foreign key"
                + " dropped before and built again after the copy, daily/monthly summaries built from it the same"
                + " way, product totals, sync status row. COPY: same rows and columns,"
                + " plain table without key or index, records generated while sent", reps, Stats.reps(ours),
            Stats.reps(copies)));

    List<FeeRecord> sample = FeeData.page(0, SAMPLE);
    reps = Math.min(MAX_SAMPLE_REPS, context.reps());
    List<Duration> oursSample = new ArrayList<>();
    List<Duration> rowByRow = new ArrayList<>();
    for (int rep = 0; rep < reps; rep++) {
      PostgresDatabase database = fixtures.newDatabase("sample");
      FeeStore store = FeeStore.create(database.dataSource());
      store.migrate();
      long start = System.nanoTime();
      try (FeeSync sync = store.beginSync(FeeData.FIRST_DAY, FeeData.lastDay(SAMPLE), SyncOptions.DEFAULTS)) {
        for (int from = 0; from < SAMPLE; from += FeeData.PAGE) {
          sync.addPage(sample.subList(from, Math.min(SAMPLE, from + FeeData.PAGE)));
        }
        sync.commit();
      }
      oursSample.add(Duration.ofNanos(System.nanoTime() - start));
      fixtures.drop(database);

      PostgresDatabase upserts = fixtures.newDatabase("upserts");
      FeeStore.create(upserts.dataSource()).migrate();
      rowByRow.add(RowByRowUpsertBaseline.run(upserts, sample));
      fixtures.drop(upserts);
    }
    Duration sampleOurs = Stats.median(oursSample);
    Duration sampleRows = Stats.median(rowByRow);
    Row perRow = new Row("4b. per-row rate, 20,000-row sample: fee store vs row-by-row upserts", sampleOurs,
        Stats.rate(Stats.perSecond(SAMPLE, sampleOurs), "rows"), sampleRows,
        Stats.rate(Stats.perSecond(SAMPLE, sampleRows), "rows"), Stats.speedup(sampleOurs, sampleRows), "",
        "reported", "n/a",
        String.format(Locale.ROOT, "median of %d runs each (ours %s; row by row %s); row by row: one"
                + " INSERT … ON CONFLICT DO UPDATE per record, one transaction, no summaries. The 1,000,000-row"
                + " load above ran at %s, %.0f× the row-by-row rate", reps, Stats.reps(oursSample),
            Stats.reps(rowByRow), Stats.rate(Stats.perSecond(FeeData.RECORDS, oursMedian), "rows"),
            Stats.perSecond(FeeData.RECORDS, oursMedian) / Stats.perSecond(SAMPLE, sampleRows)));
    return List.of(load, perRow);
  }
}
