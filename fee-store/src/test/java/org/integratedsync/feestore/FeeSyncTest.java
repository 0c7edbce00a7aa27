package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.integratedsync.feestore.StoreAssertions.record;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FeeSyncTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  private static final LocalDate FROM = LocalDate.parse("2025-03-01");
  private static final LocalDate TO = LocalDate.parse("2025-03-31");

  private DataSource dataSource;
  private StoreAssertions db;
  private SettableClock clock;
  private FeeStore store;

  @BeforeAll
  static void migrate() {
    FeeStore.create(pg.dataSource()).migrate();
  }

  @BeforeEach
  void emptyStore() throws Exception {
    dataSource = pg.dataSource();
    db = new StoreAssertions(dataSource);
    db.truncateAll();
    clock = new SettableClock(Instant.parse("2025-04-01T17:10:00Z"));
    store = new FeeStore(dataSource, clock);
  }

  @AfterEach
  void closeProbe() throws Exception {
    db.close();
  }

  private SyncResult sync(LocalDate from, LocalDate to, SyncOptions options, List<List<FeeRecord>> pages) {
    try (FeeSync sync = store.beginSync(from, to, options)) {
      pages.forEach(sync::addPage);
      return sync.commit();
    }
  }

  private SyncResult sync(List<FeeRecord> records) {
    return sync(FROM, TO, SyncOptions.DEFAULTS, List.of(records));
  }

  @Test
  void insertsUpdatesAndDeletesWithinTheWindowAndCountsEach() throws Exception {
    FeeRecord a = record("a", "2025-03-03", "10.00", "CHF", FeeType.MANAGEMENT, "P1");
    FeeRecord b = record("b", "2025-03-04", "5.50", "CHF", FeeType.CUSTODY, "P1");
    FeeRecord c = record("c", "2025-03-05", "7", "EUR", FeeType.PERFORMANCE, "P2");
    FeeRecord outside = record("z", "2025-02-27", "1", "CHF", FeeType.OTHER, "P1");
    sync(LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-28"), SyncOptions.DEFAULTS, List.of(List.of(outside)));

    SyncResult first = sync(List.of(a, b, c));
    assertThat(first).extracting(SyncResult::fetched, SyncResult::inserted, SyncResult::updated,
        SyncResult::unchanged, SyncResult::deleted).containsExactly(3L, 3L, 0L, 0L, 0L);

    FeeRecord amendedA = record("a", "2025-03-03", "12.00", "CHF", FeeType.MANAGEMENT, "P1");
    FeeRecord d = record("d", "2025-03-06", "3", "CHF", FeeType.OTHER, "P3");
    SyncResult second = sync(List.of(amendedA, c, d)); // b reversed
    assertThat(second).extracting(SyncResult::fetched, SyncResult::inserted, SyncResult::updated,
        SyncResult::unchanged, SyncResult::deleted).containsExactly(3L, 1L, 1L, 1L, 1L);
    assertThat(second.runId()).isPresent();

    db.assertRecordsEqual(List.of(amendedA, c, d, outside));
    db.assertSummariesConsistent();
    assertThat(db.rows("SELECT total_amount, record_count, first_booking_date FROM vestr_fee_product_totals "
        + "WHERE product_id = 'P1' AND currency = 'CHF'"))
        .containsExactly(List.of(new BigDecimal("13"), 2L, java.sql.Date.valueOf("2025-02-27")));
  }

  @Test
  void aFirstLoadIntoAnEmptyStoreStoresWhatTheMergeWouldStore() throws Exception {
    List<FeeRecord> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(new FeeRecord("id-" + i, FROM.plusDays(i % 31), i % 3 == 0 ? null : FROM.plusDays(i % 31 + 2),
          new BigDecimal(i + ".0" + i % 7), i % 4 == 0 ? "EUR" : "chf", FeeType.values()[i % 4],
          i % 5 == 0 ? null : "Type \"" + i + "\", x", "P" + i % 13, i % 2 == 0 ? null : "CH" + i,
          "Name, " + i + "\n2nd line", i % 6 == 0 ? null : new BigDecimal("1000.5")));
    }
    SyncResult first = sync(records);

    assertThat(first).extracting(SyncResult::fetched, SyncResult::inserted).containsExactly(300L, 300L);
    db.assertRecordsEqual(records);
    db.assertSummariesConsistent();
    assertThat(db.rows("SELECT DISTINCT first_seen_at = updated_at, updated_at = '2025-04-01T17:10:00Z', sync_run_id "
        + "FROM vestr_fee_records")).containsExactly(List.of(true, true, first.runId().getAsLong()));

    clock.advance(Duration.ofHours(1));
    SyncResult again = sync(records);
    assertThat(again).extracting(SyncResult::unchanged, SyncResult::inserted, SyncResult::updated)
        .as("the merge finds every loaded record exactly as it would have written it").containsExactly(300L, 0L, 0L);
  }

  @Test
  void reapplyingTheSameWindowChangesNothingAndSaysSo() throws Exception {
    List<FeeRecord> records = List.of(
        record("a", "2025-03-03", "10.00", "CHF", FeeType.MANAGEMENT, "P1"),
        record("b", "2025-03-04", "5.5", "CHF", FeeType.CUSTODY, "P2"));
    SyncResult first = sync(records);
    List<List<Object>> before = db.rows("SELECT id, updated_at, sync_run_id, xmin::text FROM vestr_fee_records ORDER BY id");
    clock.advance(Duration.ofDays(1));

    // the same amount with another scale is the same amount
    List<FeeRecord> again = List.of(records.get(0), record("b", "2025-03-04", "5.50", "CHF", FeeType.CUSTODY, "P2"));
    SyncResult second = sync(again);

    assertThat(second).extracting(SyncResult::inserted, SyncResult::updated, SyncResult::unchanged,
        SyncResult::deleted).containsExactly(0L, 0L, 2L, 0L);
    assertThat(second.changedAnything()).isFalse();
    assertThat(db.rows("SELECT id, updated_at, sync_run_id, xmin::text FROM vestr_fee_records ORDER BY id"))
        .as("unchanged rows are not rewritten").isEqualTo(before);
    assertThat(store.recentSyncs(1).get(0)).extracting(SyncRun::id, SyncRun::status, SyncRun::unchanged)
        .containsExactly(second.runId().getAsLong(), SyncStatus.SUCCEEDED, 2L);
    assertThat(first.runId()).isNotEqualTo(second.runId());
  }

  @Test
  void anEmptyAnswerForAWindowWithStoredRecordsIsRefusedUnlessAllowed() throws Exception {
    sync(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1"),
        record("b", "2025-03-30", "2", "CHF", FeeType.MANAGEMENT, "P1")));
    Map<String, List<List<Object>>> before = db.dumpDataTables();

    assertThatThrownBy(() -> sync(List.of()))
        .isInstanceOfSatisfying(EmptyWindowException.class, e -> {
          assertThat(e.storedRecords()).isEqualTo(2);
          assertThat(e.from()).isEqualTo(FROM);
          assertThat(e.to()).isEqualTo(TO);
        })
        .hasMessageContaining("returned no fee records for 2025-03-01 to 2025-03-31")
        .hasMessageContaining("holds 2");
    assertThat(db.dumpDataTables()).isEqualTo(before);
    SyncRun refused = store.recentSyncs(1).get(0);
    assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(refused.error()).hasValueSatisfying(error -> assertThat(error).contains("returned no fee records"));

    SyncResult allowed = sync(FROM, TO, SyncOptions.DEFAULTS.withAllowEmptyWindow(true), List.of());
    assertThat(allowed.deleted()).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM vestr_fee_records")).isZero();
    db.assertSummariesConsistent();
    assertThat(db.count("SELECT count(*) FROM vestr_fee_product_totals")).isZero();
  }

  @Test
  void anEmptyAnswerForAnEmptyWindowIsFine() {
    SyncResult result = sync(List.of());
    assertThat(result).extracting(SyncResult::fetched, SyncResult::deleted).containsExactly(0L, 0L);
  }

  @Test
  void aFailureInTheMiddleOfTheMergeRollsEverythingBackAndIsRecorded() throws Exception {
    sync(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1"),
        record("b", "2025-03-04", "4", "CHF", FeeType.CUSTODY, "P2")));
    store.rebuildSnapshot();
    Map<String, List<List<Object>>> before = db.dumpDataTables();
    // Fails while the summaries are rebuilt, after the records were already changed in the transaction.
    db.execute("""
        CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.product_id = 'BOOM' THEN RAISE EXCEPTION 'injected failure for %', NEW.product_id; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER boom BEFORE INSERT ON vestr_fee_daily_summaries FOR EACH ROW EXECUTE FUNCTION boom();
        """);
    try {
      assertThatThrownBy(() -> sync(List.of(record("a", "2025-03-03", "11", "CHF", FeeType.MANAGEMENT, "P1"),
          record("x", "2025-03-09", "1", "CHF", FeeType.OTHER, "BOOM"))))
          .isInstanceOf(FeeStoreException.class)
          .hasMessageContaining("the store is unchanged")
          .hasMessageContaining("injected failure for BOOM");
    } finally {
      db.execute("DROP TRIGGER boom ON vestr_fee_daily_summaries; DROP FUNCTION boom()");
    }

    assertThat(db.dumpDataTables()).isEqualTo(before);
    SyncRun failed = store.recentSyncs(1).get(0);
    assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
    assertThat(failed.finishedAt()).isPresent();
    assertThat(failed.fetched()).isEqualTo(2);
    assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains("injected failure for BOOM"));

    // The store works afterwards, and the failed run stays failed (not abandoned).
    SyncResult retry = sync(List.of(record("a", "2025-03-03", "11", "CHF", FeeType.MANAGEMENT, "P1")));
    assertThat(retry).extracting(SyncResult::updated, SyncResult::deleted).containsExactly(1L, 1L);
    assertThat(store.recentSyncs(3)).extracting(SyncRun::status)
        .containsExactly(SyncStatus.SUCCEEDED, SyncStatus.FAILED, SyncStatus.SUCCEEDED);
  }

  @Test
  void aDryRunReportsTheCountsAndChangesNothing() throws Exception {
    sync(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1"),
        record("b", "2025-03-04", "4", "CHF", FeeType.CUSTODY, "P2")));
    Map<String, List<List<Object>>> before = db.dumpDataTables();
    long statusRows = db.count("SELECT count(*) FROM fee_sync_status");

    SyncResult dry = sync(FROM, TO, SyncOptions.DEFAULTS.withDryRun(true),
        List.of(List.of(record("a", "2025-03-03", "11", "CHF", FeeType.MANAGEMENT, "P1"),
            record("c", "2025-03-05", "1", "EUR", FeeType.OTHER, "P3"))));

    assertThat(dry).extracting(SyncResult::dryRun, SyncResult::inserted, SyncResult::updated, SyncResult::unchanged,
        SyncResult::deleted).containsExactly(true, 1L, 1L, 0L, 1L);
    assertThat(dry.runId()).isEmpty();
    assertThat(db.dumpDataTables()).isEqualTo(before);
    assertThat(db.count("SELECT count(*) FROM fee_sync_status")).isEqualTo(statusRows);
  }

  @Test
  void theLastCopyOfARepeatedIdWinsAndEveryCopyIsCounted() throws Exception {
    FeeRecord early = record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1");
    FeeRecord late = record("a", "2025-03-04", "12", "CHF", FeeType.MANAGEMENT, "P1");
    SyncResult result = sync(FROM, TO, SyncOptions.DEFAULTS, List.of(List.of(early), List.of(late)));
    assertThat(result).extracting(SyncResult::fetched, SyncResult::inserted).containsExactly(2L, 1L);
    db.assertRecordsEqual(List.of(late));
  }

  @Test
  void tenTimesPointOneIsExactlyOne() throws Exception {
    List<FeeRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record("r" + i, "2025-03-10", "0.1", "CHF", FeeType.MANAGEMENT, "P1"));
    }
    sync(records);
    assertThat(db.rows("SELECT total_amount::text FROM vestr_fee_daily_summaries "
        + "UNION ALL SELECT total_amount::text FROM vestr_fee_monthly_summaries "
        + "UNION ALL SELECT total_amount::text FROM vestr_fee_product_totals "
        + "UNION ALL SELECT management_total::text FROM vestr_fee_product_totals"))
        .containsExactly(List.of("1.0"), List.of("1.0"), List.of("1.0"), List.of("1.0"));
  }

  @Test
  void currenciesNeverMix() throws Exception {
    sync(List.of(record("chf", "2025-03-10", "100", "CHF", FeeType.MANAGEMENT, "P1"),
        record("eur", "2025-03-10", "1", "EUR", FeeType.MANAGEMENT, "P1"),
        record("eur2", "2025-03-11", "2", "EUR", FeeType.MANAGEMENT, "P1")));
    assertThat(db.rows("SELECT currency, total_amount, record_count FROM vestr_fee_product_totals "
        + "WHERE product_id = 'P1' ORDER BY currency"))
        .containsExactly(List.of("CHF", new BigDecimal("1E+2"), 2L - 1), List.of("EUR", new BigDecimal("3"), 2L));
    assertThat(db.rows("SELECT currency, total_amount FROM vestr_fee_daily_summaries "
        + "WHERE booking_date = '2025-03-10' ORDER BY currency"))
        .containsExactly(List.of("CHF", new BigDecimal("1E+2")), List.of("EUR", BigDecimal.ONE));
    assertThat(db.rows("SELECT currency, total_amount FROM vestr_fee_monthly_summaries ORDER BY currency"))
        .containsExactly(List.of("CHF", new BigDecimal("1E+2")), List.of("EUR", new BigDecimal("3")));
    db.assertSummariesConsistent();
  }

  @Test
  void anAmendmentThatMovesARecordToAnotherProductAndMonthUpdatesBothSides() throws Exception {
    sync(LocalDate.parse("2025-02-01"), TO, SyncOptions.DEFAULTS,
        List.of(List.of(record("a", "2025-02-27", "10", "CHF", FeeType.MANAGEMENT, "P1"),
            record("b", "2025-03-02", "1", "CHF", FeeType.MANAGEMENT, "P1"))));
    SyncResult moved = sync(LocalDate.parse("2025-02-01"), TO, SyncOptions.DEFAULTS,
        List.of(List.of(record("a", "2025-03-05", "10", "CHF", FeeType.PERFORMANCE, "P2"),
            record("b", "2025-03-02", "1", "CHF", FeeType.MANAGEMENT, "P1"))));
    assertThat(moved.updated()).isEqualTo(1);
    db.assertSummariesConsistent();
    assertThat(db.count("SELECT count(*) FROM vestr_fee_monthly_summaries WHERE month = '2025-02-01'")).isZero();
  }

  @Test
  void reaggregateAllRepairsSummaries() throws Exception {
    sync(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1"),
        record("b", "2025-03-04", "4", "EUR", FeeType.CUSTODY, "P2")));
    db.execute("DELETE FROM vestr_fee_daily_summaries WHERE product_id = 'P1'; "
        + "UPDATE vestr_fee_product_totals SET total_amount = 0");

    store.reaggregateAll();

    db.assertSummariesConsistent();
  }

  @Test
  void textWithQuotesCommasNewlinesAndUnicodeSurvivesTheCopy() throws Exception {
    FeeRecord tricky = new FeeRecord("id,\"1\"\n", LocalDate.parse("2025-03-03"), null, new BigDecimal("-0.000001"),
        "CHF", FeeType.OTHER, "Fee \\N, \"odd\"\r\n", "P\t1", "", "Zürich \"Alpha\", 2nd\\line\n€", new BigDecimal("12345678901234567890.123"));
    sync(List.of(tricky));
    db.assertRecordsEqual(List.of(tricky));
  }

  @Test
  void aRecordTheServerRefusesFailsTheSyncWithoutChangingAnything() throws Exception {
    sync(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1")));
    Map<String, List<List<Object>>> before = db.dumpDataTables();
    FeeRecord withNul = new FeeRecord("b", LocalDate.parse("2025-03-04"), null, BigDecimal.ONE, "CHF", FeeType.OTHER,
        null, "P1", null, "bad\u0000name", null);

    assertThatThrownBy(() -> sync(List.of(record("a", "2025-03-03", "11", "CHF", FeeType.MANAGEMENT, "P1"), withNul)))
        .isInstanceOf(FeeStoreException.class)
        .hasMessageContaining("Staging the fee records failed");

    assertThat(db.dumpDataTables()).isEqualTo(before);
    assertThat(store.recentSyncs(1).get(0).status()).isEqualTo(SyncStatus.FAILED);
    sync(List.of(record("a", "2025-03-03", "11", "CHF", FeeType.MANAGEMENT, "P1")));
  }

  @Test
  void aSyncThatIsAbortedOrClosedIsRecordedAsFailedAndChangesNothing() throws Exception {
    FeeSync aborted = store.beginSync(FROM, TO, SyncOptions.DEFAULTS);
    aborted.addPage(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1")));
    aborted.abort(new IllegalStateException("GraphQL said: rate limited"));
    assertThatThrownBy(aborted::commit).isInstanceOf(IllegalStateException.class);

    try (FeeSync closed = store.beginSync(FROM, TO, SyncOptions.DEFAULTS)) {
      closed.addPage(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1")));
    }

    assertThat(db.count("SELECT count(*) FROM vestr_fee_records")).isZero();
    assertThat(store.recentSyncs(2)).extracting(SyncRun::status, run -> run.error().orElse(""))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SyncStatus.FAILED, "the sync was closed without being committed"),
            org.assertj.core.groups.Tuple.tuple(SyncStatus.FAILED, "GraphQL said: rate limited"));
  }

  @Test
  void onlyOneSyncRunsAtATime() throws Exception {
    try (FeeSync first = store.beginSync(FROM, TO, SyncOptions.DEFAULTS)) {
      assertThatThrownBy(() -> store.beginSync(FROM, TO, SyncOptions.DEFAULTS))
          .isInstanceOfSatisfying(SyncInProgressException.class, e -> assertThat(e.holderPid()).isPositive());
      assertThatThrownBy(store::reaggregateAll).isInstanceOf(SyncInProgressException.class);
      first.addPage(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1")));
      first.commit();
    }
    assertThat(store.recentSyncs(5)).extracting(SyncRun::status).containsExactly(SyncStatus.SUCCEEDED);
    sync(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1")));
  }

  @Test
  void aSyncWhoseProcessDiedIsMarkedAbandonedByTheNextOne() throws Exception {
    FeeSync killed = store.beginSync(FROM, TO, SyncOptions.DEFAULTS);
    killed.addPage(List.of(record("a", "2025-03-03", "10", "CHF", FeeType.MANAGEMENT, "P1")));
    long killedRun = store.recentSyncs(1).get(0).id();
    // What a killed JVM leaves behind: its server session ends, the status row still says running.
    db.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
        + "AND classid = " + 0x46454553 + " AND objid = 1");
    assertThatThrownBy(killed::commit).isInstanceOf(FeeStoreException.class);
    assertThat(store.recentSyncs(1).get(0)).extracting(SyncRun::id, SyncRun::status)
        .containsExactly(killedRun, SyncStatus.RUNNING);

    clock.advance(Duration.ofMinutes(5));
    SyncResult next = sync(List.of(record("b", "2025-03-04", "1", "CHF", FeeType.OTHER, "P1")));

    SyncRun abandoned = store.recentSyncs(2).get(1);
    assertThat(abandoned.id()).isEqualTo(killedRun);
    assertThat(abandoned.status()).isEqualTo(SyncStatus.ABANDONED);
    assertThat(abandoned.finishedAt()).contains(clock.instant());
    assertThat(abandoned.error()).hasValueSatisfying(error -> assertThat(error).contains("ended before finishing"));
    assertThat(next.inserted()).isEqualTo(1);
    db.assertRecordsEqual(List.of(record("b", "2025-03-04", "1", "CHF", FeeType.OTHER, "P1")));
  }

  @Test
  void everyStatusTheColumnAllowsReadsBackAsItsEnumValueAndTheColumnKeepsItsText() throws Exception {
    for (SyncStatus status : SyncStatus.values()) {
      db.execute("INSERT INTO fee_sync_status (started_at, finished_at, status, window_from, window_to) "
          + "VALUES (now(), now(), '" + status.columnValue() + "', DATE '2025-03-01', DATE '2025-03-31')");
    }
    assertThat(db.rows("SELECT status FROM fee_sync_status ORDER BY id"))
        .containsExactly(List.of("running"), List.of("succeeded"), List.of("failed"), List.of("abandoned"));
    assertThat(store.recentSyncs(10)).extracting(SyncRun::status)
        .containsExactly(SyncStatus.ABANDONED, SyncStatus.FAILED, SyncStatus.SUCCEEDED, SyncStatus.RUNNING);
    assertThatThrownBy(() -> SyncStatus.fromColumnValue("Succeeded"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown fee_sync_status.status value 'Succeeded'");
  }

  @Test
  void theSnapshotFollowsTheLatestRulesIncludingTiesAndNullQuantities() throws Exception {
    FeeRecord older = new FeeRecord("100", LocalDate.parse("2025-03-01"), null, new BigDecimal("5"), "CHF",
        FeeType.MANAGEMENT, "mgmt", "P1", "CH1", "Old name", new BigDecimal("1000"));
    FeeRecord tieLow = new FeeRecord("200", LocalDate.parse("2025-03-05"), null, new BigDecimal("6"), "CHF",
        FeeType.MANAGEMENT, "mgmt", "P1", "CH1", "Name A", null);
    FeeRecord tieHigh = new FeeRecord("300", LocalDate.parse("2025-03-05"), null, new BigDecimal("7"), "EUR",
        FeeType.CUSTODY, "cust", "P1", "CH1", "Name B", null);
    sync(List.of(older, tieLow, tieHigh));

    assertThat(store.rebuildSnapshot()).isEqualTo(1);

    db.assertSnapshotMatches(List.of(older, tieLow, tieHigh));
    assertThat(db.rows("SELECT latest_fee_type, latest_fee_amount, outstanding_quantity, product_name, "
        + "latest_performance_date FROM fee_latest_snapshot"))
        .containsExactly(java.util.Arrays.asList("CUSTODY", new BigDecimal("7"), new BigDecimal("1E+3"), "Name B", null));
  }
}
