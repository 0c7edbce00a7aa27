package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.integratedsync.feestore.StoreAssertions.record;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.postgres.ThrowawayPostgres;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first load of a large history into an empty store, which builds the indexes and keys of the
 * records and summaries after the copy instead of keeping them up to date row by row: whatever path it
 * takes, the store ends with exactly the indexes and constraints its migrations created, and the
 * records and summaries agree.
 */
class FirstLoadTest {

  /** Above the size from which a first load defers its indexes. */
  private static final int RECORDS = 120_000;
  private static final int PRODUCTS = 300;
  private static final LocalDate FIRST_DAY = LocalDate.parse("2025-01-01");
  private static final LocalDate LAST_DAY = FIRST_DAY.plusDays(RECORDS / PRODUCTS - 1);
  private static final String INDEXES_AND_KEYS = """
      SELECT 'index ' || c.relname || ': ' || pg_get_indexdef(i.indexrelid) || ' (oid ' || c.oid || ')'
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid IN ('vestr_fee_records'::regclass, 'vestr_fee_daily_summaries'::regclass,
                           'vestr_fee_monthly_summaries'::regclass)
      UNION ALL
      SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
      FROM pg_constraint
      WHERE conrelid IN ('vestr_fee_records'::regclass, 'vestr_fee_daily_summaries'::regclass,
                         'vestr_fee_monthly_summaries'::regclass)
      """;

  private final List<FeeRecord> history = history();
  private PostgresDatabase database;
  private SettableClock clock;
  /** The store of the database's administrator, who owns its tables. */
  private FeeStore store;
  /** The indexes and keys as the migrations created them. */
  private Map<String, String> before;

  @BeforeEach
  void migratedEmptyStore() throws SQLException {
    database = ThrowawayPostgres.shared().createDatabase("firstload");
    clock = new SettableClock(Instant.parse("2026-01-05T06:00:00Z"));
    store = new FeeStore(database.dataSource(), clock);
    store.migrate();
    before = indexesAndKeys();
  }

  @AfterEach
  void dropDatabase() {
    ThrowawayPostgres.shared().dropDatabase(database);
  }

  private static List<FeeRecord> history() {
    List<FeeRecord> records = new ArrayList<>(RECORDS);
    for (int n = 0; n < RECORDS; n++) {
      records.add(record(String.format("fee-%07d", n), FIRST_DAY.plusDays(n / PRODUCTS).toString(),
          (n % 9_973) + "." + (n % 100), n % 3 == 0 ? "EUR" : "CHF", FeeType.values()[n % 4],
          "P" + (n % PRODUCTS)));
    }
    return records;
  }

  private static SyncResult load(FeeStore store, List<FeeRecord> records) {
    try (FeeSync sync = store.beginSync(FIRST_DAY, LAST_DAY, SyncOptions.DEFAULTS)) {
      for (int from = 0; from < records.size(); from += 5_000) {
        sync.addPage(records.subList(from, Math.min(records.size(), from + 5_000)));
      }
      return sync.commit();
    }
  }

  /** Each index and constraint of the three bulk-loaded tables with its definition, the index's oid apart. */
  private Map<String, String> indexesAndKeys() throws SQLException {
    Map<String, String> found = new TreeMap<>();
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      for (List<Object> row : db.rows(INDEXES_AND_KEYS)) {
        String line = (String) row.get(0);
        int oid = line.lastIndexOf(" (oid ");
        found.put(oid < 0 ? line : line.substring(0, oid), oid < 0 ? "" : line.substring(oid));
      }
    }
    return found;
  }

  private static void assertStoreHolds(DataSource dataSource, List<FeeRecord> expected) throws SQLException {
    try (StoreAssertions db = new StoreAssertions(dataSource)) {
      db.assertRecordsEqual(expected);
      db.assertSummariesConsistent();
    }
  }

  @Test
  void aLargeFirstLoadBuildsTheIndexesAndKeysAfterTheCopyExactlyAsTheMigrationsCreatedThem() throws SQLException {

    SyncResult result = load(store, history);

    assertThat(result.inserted()).isEqualTo(RECORDS);
    Map<String, String> after = indexesAndKeys();
    assertThat(after.keySet()).as("the same indexes and constraints, defined the same way")
        .containsExactlyElementsOf(before.keySet());
    assertThat(after.keySet()).anyMatch(k -> k.contains("vestr_fee_records_pkey: PRIMARY KEY (id)"))
        .anyMatch(k -> k.contains("FOREIGN KEY (sync_run_id) REFERENCES fee_sync_status(id) ON DELETE SET NULL"))
        .anyMatch(k -> k.startsWith("index vestr_fee_daily_summaries_product_idx"));
    for (String index : before.keySet()) {
      if (index.startsWith("index ")) {
        assertThat(after.get(index)).as("%s was built again after the copy", index).isNotEqualTo(before.get(index));
      }
    }
    assertStoreHolds(database.dataSource(), history);
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      assertThat(db.count("SELECT count(*) FROM vestr_fee_records WHERE sync_run_id = " + result.runId().orElseThrow()))
          .isEqualTo(RECORDS);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.execute(
              "INSERT INTO vestr_fee_records (id, booking_date, amount, currency, fee_type, product_id, first_seen_at,"
                  + " updated_at) VALUES ('fee-0000001', '2025-01-01', 1, 'CHF', 'OTHER', 'P1', now(), now())"))
          .as("the primary key is enforced again").hasMessageContaining("vestr_fee_records_pkey");
    }
  }

  @Test
  void anIdRepeatedWithinALargeFirstLoadIsMergedWithTheLastCopyWinningAndTheIndexesUntouched() throws SQLException {
    FeeRecord first = history.get(10);
    FeeRecord again = new FeeRecord(first.id(), first.bookingDate(), first.valueDate(), new BigDecimal("4242.42"),
        first.currency(), first.feeType(), first.sourceFeeType(), first.productId(), first.productIsin(),
        first.productName(), first.outstandingQuantity());
    List<FeeRecord> sent = new ArrayList<>(history);
    sent.add(again);

    SyncResult result = load(store, sent);

    assertThat(result.fetched()).isEqualTo(RECORDS + 1);
    assertThat(result.inserted()).isEqualTo(RECORDS);
    assertThat(indexesAndKeys()).as("rolled back to the indexes as they were, oids included").isEqualTo(before);
    List<FeeRecord> expected = new ArrayList<>(history);
    expected.set(10, again);
    assertStoreHolds(database.dataSource(), expected);
  }

  @Test
  void aReaderHoldingTheRecordsTableMakesTheFirstLoadKeepItsIndexesInsteadOfWaiting() throws SQLException {

    SyncResult result;
    try (Connection dashboard = database.connect(); Statement query = dashboard.createStatement()) {
      dashboard.setAutoCommit(false);
      query.execute("SELECT count(*) FROM vestr_fee_records"); // holds ACCESS SHARE until its transaction ends
      result = load(store, history);
      dashboard.commit();
    }

    assertThat(result.inserted()).isEqualTo(RECORDS);
    Map<String, String> after = indexesAndKeys();
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    before.forEach((key, oid) -> {
      if (key.startsWith("index vestr_fee_records")) {
        assertThat(after.get(key)).as("%s kept, not dropped", key).isEqualTo(oid);
      } else if (key.startsWith("index ")) {
        assertThat(after.get(key)).as("%s (not held by the reader) built after the load", key).isNotEqualTo(oid);
      }
    });
    assertStoreHolds(database.dataSource(), history);
  }

  @Test
  void aRoleThatDoesNotOwnTheTablesLoadsWithTheIndexesKept() throws SQLException {
    try (DatabaseRole role = DatabaseRole.create(database)) {
      try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
        statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role.name());
        statement.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + role.name());
      }
      SyncResult result = load(new FeeStore(role.database().dataSource(), clock), history);

      assertThat(result.inserted()).isEqualTo(RECORDS);
    }
    assertThat(indexesAndKeys()).isEqualTo(before);
    assertStoreHolds(database.dataSource(), history);
  }
}
