package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.integratedsync.testkit.vestr.GraphQlFault;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3: the process is killed with SIGKILL (no shutdown hook runs) inside an open fee sync,
 * once at each of the fetch's pages. The Vestr fake holds page N back ({@link GraphQlFault#STALL})
 * and the kill comes once the process waits on it, so every kill lands while the sync's status row
 * says {@code running} and pages 1 to N-1 wait to be committed. The victim's fake serves other
 * amounts than the store holds, so a page that leaked into the store would show. Each kill must
 * leave the store exactly as it was, and the next normal run must exit 0, mark the killed sync
 * {@code abandoned}, leave no row {@code running} and keep the store whole: every record once, the
 * aggregate invariant true.
 */
class KilledFeeSyncIT {
  private static final long RECORDS = 2_000;
  /** Pages of the 30-day window: 2,000 records in pages of 500 (sync-cli's page size). */
  private static final int PAGES = 4;
  private static final long DATA_SEED = 7;
  private static final long VICTIM_SEED = 8;

  private final List<VestrFake> fakes = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeFakes() {
    fakes.forEach(VestrFake::close);
  }

  @Test
  void aKillInsideTheOpenSyncLeavesNoRunningRowAndNoPartialData() throws Exception {
    Secrets secrets = new Secrets();
    try (FeeDatabase database = FeeDatabase.create("relkilled", secrets.databasePassword)) {
      RunResult baseline = run(database, fake(secrets, DATA_SEED)).run();
      baseline.assertExit(0).assertNoSecretsLeaked(secrets.all());
      database.assertRecords(RECORDS);
      List<String> stored = store(database);

      for (int page = 1; page <= PAGES; page++) {
        String context = "killed waiting for page " + page + " of " + PAGES;
        VestrFake victimVestr = fake(secrets, VICTIM_SEED);
        List<GraphQlFault> faults = new ArrayList<>(Collections.nCopies(page - 1, GraphQlFault.NONE));
        faults.add(GraphQlFault.STALL);
        victimVestr.enqueueFault(faults.toArray(GraphQlFault[]::new));
        CliProcess.Running victim = run(database, victimVestr).start();

        assertThat(victimVestr.awaitStall(Duration.ofSeconds(90))).as("%s: the fetch reaches the page", context)
            .isTrue();
        List<String[]> open = database.syncStatus();
        assertThat(open.get(open.size() - 1)[1]).as("%s: the sync is open", context).isEqualTo("running");
        assertThat(victimVestr.recordsServed()).as(context).isEqualTo(page * 500L);
        victim.kill();

        String killedRun = open.get(open.size() - 1)[0];
        assertThat(database.syncStatus().get(open.size() - 1)).as("%s: the killed sync's row", context)
            .startsWith(killedRun, "running");
        assertThat(store(database)).as("%s: the store right after the kill", context).isEqualTo(stored);

        RunResult rerun = run(database, fake(secrets, DATA_SEED)).run();

        rerun.assertExit(0).assertNoSecretsLeaked(secrets.all());
        assertThat(rerun.task("vestr-fees").path("outcome").asText()).as(context).isEqualTo("succeeded");
        database.assertRecords(RECORDS);
        database.assertAggregateInvariant();
        assertThat(store(database)).as("%s: the store after the next run (same data as before)", context)
            .isEqualTo(stored);
        List<String[]> rows = database.syncStatus();
        assertThat(rows).as("%s: rows still running", context).noneMatch(row -> row[1].equals("running"));
        assertThat(rows.stream().filter(row -> row[0].equals(killedRun)).findFirst().orElseThrow())
            .as("%s: the killed sync's row after the next run", context)
            .startsWith(killedRun, "abandoned");
        assertThat(rows.get(rows.size() - 1)[1]).as(context).isEqualTo("succeeded");
      }
    }
  }

  /**
   * Returns what the store holds, one line per table: records (id, amount, currency, the sync that
   * wrote it) and the daily, monthly and per-product summaries, each as an md5 over its rows.
   */
  private static List<String> store(FeeDatabase database) throws SQLException {
    List<String> tables = List.of(
        "select id, amount, currency, sync_run_id from vestr_fee_records",
        "select * from vestr_fee_daily_summaries",
        "select * from vestr_fee_monthly_summaries",
        "select * from vestr_fee_product_totals");
    List<String> digests = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String table : tables) {
        try (ResultSet r = s.executeQuery(
            "select count(*) || ' rows ' || coalesce(md5(string_agg(t::text, ';' order by t::text)), '') from (" + table + ") t")) {
          r.next();
          digests.add(r.getString(1));
        }
      }
    }
    return digests;
  }

  private VestrFake fake(Secrets secrets, long seed) {
    VestrFake vestr = Fees.start(secrets, seed, RECORDS);
    fakes.add(vestr);
    return vestr;
  }

  private CliProcess run(FeeDatabase database, VestrFake vestr) {
    return CliProcess.in(dir.resolve("work"))
        .env(Env.of(Env.vestr(vestr), Env.database(database)))
        .args("-v", "--skip-credinvest")
        .timeout(Duration.ofSeconds(120));
  }
}
