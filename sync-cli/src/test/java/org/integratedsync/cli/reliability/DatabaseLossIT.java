package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4: the database connection goes away in the middle of a merge. The test holds a lock
 * on {@code vestr_fee_monthly_summaries}, which the sync's transaction needs only after it has
 * changed records, waits until the run's backend is blocked on it, and terminates that backend
 * with {@code pg_terminate_backend}. The transaction rolls back (the store still holds exactly
 * the previous run's records, invariant intact), the run exits 1 with one clear line, the status
 * row records the error (or the next run marks it abandoned), and the next run succeeds.
 */
class DatabaseLossIT {
  private static final long RECORDS = 400;

  private final List<VestrFake> fakes = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeFakes() {
    fakes.forEach(VestrFake::close);
  }

  @Test
  void aConnectionLostMidMergeRollsBackAndIsRecorded() throws Exception {
    Secrets secrets = new Secrets();
    try (FeeDatabase database = FeeDatabase.create("relloss", secrets.databasePassword)) {
      run(database, secrets, 1).run().assertExit(0).assertNoSecretsLeaked(secrets.all());
      database.assertRecords(RECORDS);
      assertThat(database.count("select count(*) from vestr_fee_records where id like 'fd-1-%'")).isEqualTo(RECORDS);

      RunResult lost;
      try (Connection blocker = database.connect()) {
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
          s.execute("LOCK TABLE vestr_fee_monthly_summaries IN ACCESS EXCLUSIVE MODE");
        }
        // seed 2: other record ids, so the merge inserts 400 and deletes 400
        CliProcess.Running running = run(database, secrets, 2).start();
        int terminated = 0;
        while (terminated == 0) {
          assertThat(running.process().isAlive()).as("run ended before blocking:\n%s", running.stdoutSoFar()).isTrue();
          assertThat(running.elapsed()).as("time until the merge blocks").isLessThan(Duration.ofSeconds(90));
          Thread.sleep(100);
          try (Connection admin = database.connect();
              Statement s = admin.createStatement();
              ResultSet r = s.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity"
                  + " where datname = current_database() and pid <> pg_backend_pid()"
                  + " and wait_event_type = 'Lock'")) {
            while (r.next()) {
              terminated += r.getBoolean(1) ? 1 : 0;
            }
          }
        }
        blocker.rollback();
        lost = running.await();
      }

      lost.assertExit(1).assertOneClearLine("vestr-fees").assertNoSecretsLeaked(secrets.all());
      assertThat(lost.task("vestr-fees").path("outcome").asText()).isEqualTo("failed");
      database.assertRecords(RECORDS);
      assertThat(database.count("select count(*) from vestr_fee_records where id like 'fd-1-%'"))
          .as("records of the earlier run, untouched by the rolled-back merge")
          .isEqualTo(RECORDS);
      database.assertAggregateInvariant();
      List<String[]> rows = database.syncStatus();
      assertThat(rows).as("status rows: the first run's and the lost one's").hasSize(2);
      String[] lostRow = rows.get(rows.size() - 1);
      assertThat(lostRow[1]).as("status row of the lost sync").isIn("failed", "running");
      if (lostRow[1].equals("failed")) {
        assertThat(lostRow[2]).as("error recorded for the lost sync").isNotBlank();
      }

      RunResult next = run(database, secrets, 2).run();
      next.assertExit(0).assertNoSecretsLeaked(secrets.all());
      database.assertRecords(RECORDS);
      assertThat(database.count("select count(*) from vestr_fee_records where id like 'fd-2-%'")).isEqualTo(RECORDS);
      database.assertAggregateInvariant();
      String status = database.syncStatus().stream().filter(r -> r[0].equals(lostRow[0])).findFirst().orElseThrow()[1];
      assertThat(status).as("the lost sync after the next run").isIn("failed", "abandoned");
    }
  }

  private CliProcess run(FeeDatabase database, Secrets secrets, long seed) {
    VestrFake vestr = Fees.start(secrets, seed, RECORDS);
    fakes.add(vestr);
    return CliProcess.in(dir.resolve("work"))
        .env(Env.of(Env.vestr(vestr), Env.database(database)))
        .args("-v", "--skip-credinvest", "--skip-fee-snapshots")
        .timeout(Duration.ofSeconds(120));
  }
}
