package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integratedsync.feestore.StoreAssertions.record;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.postgres.ThrowawayPostgres;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store on a database set up the way hosted PostgreSQL services set up their roles: not a superuser,
 * short statement and idle-in-transaction timeouts, connections from a pool.
 */
class HostedDatabaseTest {

  private static final LocalDate FROM = LocalDate.parse("2025-03-01");
  private static final LocalDate TO = FROM.plusDays(29);
  private static final int PER_DAY = 1_000;
  private static final int PAGE = 500;
  private static final int FEES_LOCK = 0x46454553;

  private PostgresDatabase database;
  private SettableClock clock;

  @BeforeEach
  void freshDatabase() {
    database = ThrowawayPostgres.shared().createDatabase("hosted");
    clock = new SettableClock(Instant.parse("2025-03-31T06:00:00Z"));
  }

  @AfterEach
  void dropDatabase() {
    ThrowawayPostgres.shared().dropDatabase(database);
  }

  /** A real day's window: 30 days of 1,000 fees over 50 products; {@code version} changes some amounts. */
  private static List<FeeRecord> window(int version) {
    List<FeeRecord> records = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      String date = FROM.plusDays(day).toString();
      for (int i = 0; i < PER_DAY; i++) {
        int n = day * PER_DAY + i;
        if (version > 0 && n % 1_000 == 7) {
          continue; // reversed at the source
        }
        String amount = (version > 0 && n % 100 == 3) ? "99.99" : (n % 977) + "." + (n % 100);
        records.add(record("fee-" + n, date, amount, n % 5 == 0 ? "EUR" : "CHF",
            FeeType.values()[n % FeeType.values().length], "P" + (n % 50)));
      }
    }
    return records;
  }

  private static List<List<FeeRecord>> pages(List<FeeRecord> records) {
    List<List<FeeRecord>> pages = new ArrayList<>();
    for (int from = 0; from < records.size(); from += PAGE) {
      pages.add(records.subList(from, Math.min(records.size(), from + PAGE)));
    }
    return pages;
  }

  @Test
  void aThirtyDaySyncWorksForARoleWithFiveSecondTimeoutsThoughTheSourcePausesLongerBetweenPages() throws Exception {
    try (DatabaseRole role = DatabaseRole.create(database, "statement_timeout = '5s'",
        "idle_in_transaction_session_timeout = '5s'", "idle_session_timeout = '5s'")) {
      FeeStore store = new FeeStore(role.database().dataSource(), clock);
      store.migrate();
      SyncResult first;
      try (FeeSync sync = store.beginSync(FROM, TO, SyncOptions.DEFAULTS)) {
        pages(window(0)).forEach(sync::addPage);
        first = sync.commit();
      }
      assertThat(first.inserted()).isEqualTo(30 * PER_DAY);

      // Two sessions of the same role show the limits are in force while the sync below waits on its source.
      Connection idle = role.database().connect();
      idle.setAutoCommit(false);
      idle.createStatement().execute("SELECT 1");
      CompletableFuture<Void> longStatement = CompletableFuture.runAsync(() -> {
        try (Connection connection = role.database().connect(); Statement statement = connection.createStatement()) {
          statement.execute("SELECT pg_sleep(7)");
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      });
      SyncResult second;
      clock.advance(Duration.ofDays(1));
      try (FeeSync sync = store.beginSync(FROM, TO, SyncOptions.DEFAULTS)) {
        List<List<FeeRecord>> pages = pages(window(1));
        sync.addPage(pages.get(0));
        Thread.sleep(6_000); // the source takes longer than both timeouts to answer the next page
        pages.subList(1, pages.size()).forEach(sync::addPage);
        second = sync.commit();
      }

      assertThat(longStatement).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
          .withMessageContaining("canceling statement due to statement timeout");
      assertThatThrownBy(() -> idle.createStatement().execute("SELECT 1")).isInstanceOf(java.sql.SQLException.class);
      idle.close();
      assertThat(second).extracting(SyncResult::fetched, SyncResult::inserted, SyncResult::updated,
          SyncResult::deleted).containsExactly(29_970L, 0L, 300L, 30L);
      assertThat(store.recentSyncs(2)).extracting(SyncRun::status)
          .containsExactly(SyncStatus.SUCCEEDED, SyncStatus.SUCCEEDED);
      try (Connection connection = role.database().connect();
          java.sql.ResultSet setting = connection.createStatement().executeQuery("SHOW idle_session_timeout")) {
        setting.next();
        assertThat(setting.getString(1)).as("the role's idle session limit is in force").isEqualTo("5s");
      }
      try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
        db.assertSummariesConsistent();
        assertThat(db.count("SELECT count(*) FROM vestr_fee_records WHERE amount = 99.99 AND updated_at > first_seen_at"))
            .isEqualTo(300);
      }
    }
  }

  @Test
  void aPooledConnectionWhoseLockCannotBeReleasedIsAbortedSoTheNextSyncRuns() throws Exception {
    try (DatabaseRole role = DatabaseRole.create(database)) {
      try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
        // Releasing the lock fails for the role (as on a connection that breaks at that moment).
        statement.execute("REVOKE EXECUTE ON FUNCTION pg_advisory_unlock_all() FROM PUBLIC");
      }
      HikariConfig config = new HikariConfig();
      config.setDataSource(role.database().dataSource());
      config.setMaximumPoolSize(2);
      config.setPoolName("fees-under-test");
      try (HikariDataSource pool = new HikariDataSource(config)) {
        FeeStore pooled = new FeeStore(pool, clock);
        pooled.migrate();
        sync(pooled, "a", "10");

        // The lock went with the aborted connection's session.
        try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (db.count(heldLocks()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          assertThat(db.count(heldLocks())).as("fee sync locks still held").isZero();
        }
        // Another process, then the pool again: both can sync.
        sync(new FeeStore(role.database().dataSource(), clock), "b", "11");
        sync(pooled, "c", "12");
        assertThat(pooled.recentSyncs(3)).extracting(SyncRun::status)
            .containsExactly(SyncStatus.SUCCEEDED, SyncStatus.SUCCEEDED, SyncStatus.SUCCEEDED);
        try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
          db.assertRecordsEqual(List.of(record("c", "2025-03-03", "12", "CHF", FeeType.MANAGEMENT, "P1")));
        }
      }
    }
  }

  private static String heldLocks() {
    return "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = " + FEES_LOCK;
  }

  private void sync(FeeStore store, String id, String amount) {
    try (FeeSync sync = store.beginSync(FROM, TO, SyncOptions.DEFAULTS)) {
      sync.addPage(List.of(record(id, "2025-03-03", amount, "CHF", FeeType.MANAGEMENT, "P1")));
      sync.commit();
    }
  }
}
