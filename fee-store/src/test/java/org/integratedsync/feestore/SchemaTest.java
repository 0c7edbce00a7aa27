package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.integratedsync.feestore.internal.Schema;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.postgres.ThrowawayPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaTest {

  /** The columns dashboards read (design §4); the schema may have more, never fewer or renamed. */
  private static final Map<String, List<String>> CONTRACT = Map.of(
      "vestr_fee_records", List.of("id", "booking_date", "value_date", "amount", "currency", "fee_type",
          "source_fee_type", "product_id", "product_isin", "product_name", "outstanding_quantity", "first_seen_at",
          "updated_at", "sync_run_id"),
      "vestr_fee_daily_summaries", List.of("booking_date", "product_id", "fee_type", "currency", "total_amount",
          "record_count"),
      "vestr_fee_monthly_summaries", List.of("month", "product_id", "fee_type", "currency", "total_amount",
          "record_count"),
      "vestr_fee_product_totals", List.of("product_id", "currency", "total_amount", "management_total",
          "performance_total", "custody_total", "other_total", "record_count", "first_booking_date",
          "last_booking_date"),
      "fee_sync_status", List.of("id", "started_at", "finished_at", "status", "window_from", "window_to", "fetched",
          "inserted", "updated", "unchanged", "deleted", "error"),
      "fee_latest_snapshot", List.of("product_id", "product_name", "product_isin", "latest_management_date",
          "latest_management_amount", "latest_management_currency", "latest_performance_date",
          "latest_performance_amount", "latest_performance_currency", "latest_custody_date", "latest_custody_amount",
          "latest_custody_currency", "latest_fee_date", "latest_fee_amount", "latest_fee_currency", "latest_fee_type",
          "outstanding_quantity", "refreshed_at"));

  private PostgresDatabase database;

  @BeforeEach
  void freshDatabase() {
    database = ThrowawayPostgres.shared().createDatabase("schema");
  }

  @AfterEach
  void dropDatabase() {
    ThrowawayPostgres.shared().dropDatabase(database);
  }

  @Test
  void migratingTwiceIsANoOpAndCreatesEveryContractColumn() throws Exception {
    FeeStore store = FeeStore.create(database.dataSource());
    assertThat(store.migrationStatus()).isEqualTo(new MigrationStatus(Optional.empty(), Schema.LATEST_VERSION, 2));

    assertThat(store.migrate()).isEqualTo(2);
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      List<List<Object>> schemaBefore = db.rows("SELECT table_name, column_name, data_type FROM "
          + "information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2");
      assertThat(store.migrate()).isZero();
      assertThat(FeeStore.create(database.dataSource()).migrate()).isZero();
      assertThat(db.rows("SELECT table_name, column_name, data_type FROM information_schema.columns "
          + "WHERE table_schema = 'public' ORDER BY 1, 2")).isEqualTo(schemaBefore);

      for (Map.Entry<String, List<String>> table : CONTRACT.entrySet()) {
        assertThat(db.rows("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = '" + table.getKey() + "'").stream().map(row -> (String) row.get(0)).toList())
            .as(table.getKey())
            .containsAll(table.getValue());
      }
      assertThat(db.rows("SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' AND "
              + "(column_name LIKE '%amount%' OR column_name LIKE '%total' OR column_name = 'outstanding_quantity')").stream().distinct().toList())
          .as("money is numeric").containsExactly(List.of("numeric"));
    }
    assertThat(store.migrationStatus()).isEqualTo(new MigrationStatus(Optional.of("2"), "2", 0));
    assertThat(store.migrationStatus().upToDate()).isTrue();
  }

  @Test
  void anUnmigratedDatabaseIsReportedNotBrokenInto() {
    FeeStore store = FeeStore.create(database.dataSource());
    assertThatThrownBy(() -> store.beginSync(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"),
        SyncOptions.DEFAULTS))
        .isInstanceOfSatisfying(SchemaNotMigratedException.class,
            e -> assertThat(e.status().pending()).isEqualTo(2))
        .hasMessageContaining("db migrate");
    assertThatThrownBy(store::rebuildSnapshot).isInstanceOf(SchemaNotMigratedException.class);
  }

  /**
   * The tables as V1 creates them, as another tool might have left them: without the indexes and CHECKs,
   * the key in the database's default collation, one more column.
   */
  private static final String OLD_TOOL_TABLES = """
      CREATE TABLE fee_sync_status (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
          started_at timestamptz NOT NULL, finished_at timestamptz, status text NOT NULL, window_from date NOT NULL,
          window_to date NOT NULL, fetched bigint NOT NULL DEFAULT 0, inserted bigint NOT NULL DEFAULT 0,
          updated bigint NOT NULL DEFAULT 0, unchanged bigint NOT NULL DEFAULT 0, deleted bigint NOT NULL DEFAULT 0,
          error text);
      CREATE TABLE vestr_fee_records (id text PRIMARY KEY, booking_date date NOT NULL, value_date date,
          amount %s NOT NULL, currency text NOT NULL, fee_type text NOT NULL, source_fee_type text,
          product_id text NOT NULL, product_isin text, product_name text, outstanding_quantity numeric,
          first_seen_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, sync_run_id bigint, note text);
      CREATE TABLE vestr_fee_daily_summaries (booking_date date NOT NULL, product_id text NOT NULL,
          fee_type text NOT NULL, currency text NOT NULL, total_amount numeric NOT NULL, record_count bigint NOT NULL
          %s);
      """;

  private static String oldToolTables(String amountType, String dailyKey) {
    return OLD_TOOL_TABLES.formatted(amountType, dailyKey);
  }

  @Test
  void matchingTablesAreAdoptedAndReaggregatedSoTheSumsAgree() throws Exception {
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      db.execute("CREATE TABLE dashboard_settings (k text PRIMARY KEY, v text)");
      db.execute(oldToolTables("numeric", ", PRIMARY KEY (booking_date, product_id, fee_type, currency)"));
      db.execute("INSERT INTO vestr_fee_records VALUES "
          + "('a', '2025-01-02', NULL, 10.5, 'CHF', 'MANAGEMENT', 'mgmt', 'P', NULL, 'Alpha', NULL, now(), now(), 41, 'kept'), "
          + "('b', '2025-01-03', NULL, 2, 'CHF', 'CUSTODY', NULL, 'P', NULL, 'Alpha', NULL, now(), now(), NULL, NULL)");
      // the old tool's summary disagrees with its records
      db.execute("INSERT INTO vestr_fee_daily_summaries VALUES ('2025-01-02', 'P', 'MANAGEMENT', 'CHF', 99, 7)");

      FeeStore store = FeeStore.create(database.dataSource());
      assertThat(store.migrate()).isEqualTo(2);

      assertThat(db.count("SELECT count(*) FROM vestr_fee_records")).isEqualTo(2);
      assertThat(db.rows("SELECT id, note, sync_run_id FROM vestr_fee_records ORDER BY id")).as("records kept; "
          + "a sync id without its status row cleared").containsExactly(
          java.util.Arrays.asList("a", "kept", null), java.util.Arrays.asList("b", null, null));
      db.assertSummariesConsistent();
      assertThat(db.rows("SELECT total_amount, record_count FROM vestr_fee_product_totals"))
          .containsExactly(List.of(new java.math.BigDecimal("12.5"), 2L));
      assertThat(db.count("SELECT count(*) FROM dashboard_settings")).isZero();
      assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'vestr_fee_records_booking_date_idx'"))
          .as("missing indexes created").isEqualTo(1);
      assertThat(db.rows("SELECT collation_name FROM information_schema.columns WHERE table_name = 'vestr_fee_records' "
          + "AND column_name = 'id'")).as("ids compare in byte order").containsExactly(List.of("C"));
      // and the adopted store syncs
      try (FeeSync sync = store.beginSync(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"),
          SyncOptions.DEFAULTS)) {
        sync.addPage(List.of(StoreAssertions.record("a", "2025-01-02", "11", "CHF", FeeType.MANAGEMENT, "P")));
        assertThat(sync.commit().deleted()).isEqualTo(1);
      }
      db.assertSummariesConsistent();
    }
  }

  @Test
  void anAmountOfAnotherTypeIsRefusedInOneLineAndNothingChanges() throws Exception {
    assertRefused(oldToolTables("double precision", ", PRIMARY KEY (booking_date, product_id, fee_type, currency)"),
        "vestr_fee_records", "amount",
        "The existing table vestr_fee_records cannot be adopted: column amount is double precision, the fee store "
            + "needs numeric; see docs/migrating.md, section \"Database\".");
  }

  @Test
  void aSummaryTableWithoutPrimaryKeyIsRefused() throws Exception {
    assertRefused(oldToolTables("numeric", ""), "vestr_fee_daily_summaries", "booking_date, product_id, fee_type, currency",
        "The existing table vestr_fee_daily_summaries cannot be adopted: has no primary key; the fee store needs one "
            + "on (booking_date, product_id, fee_type, currency); see docs/migrating.md, section \"Database\".");
  }

  @Test
  void aSnapshotTableWithOtherColumnsIsRefused() throws Exception {
    assertRefused("CREATE TABLE fee_latest_snapshot (product_id text PRIMARY KEY, last_fee_date date, last_fee numeric)",
        "fee_latest_snapshot", "product_name",
        "The existing table fee_latest_snapshot cannot be adopted: has no column product_name (text); "
            + "see docs/migrating.md, section \"Database\".");
  }

  @Test
  void anExtraColumnTheStoreCannotFillIsRefused() throws Exception {
    assertRefused(oldToolTables("numeric", ", PRIMARY KEY (booking_date, product_id, fee_type, currency)")
            + "ALTER TABLE vestr_fee_records ADD COLUMN account text NOT NULL;",
        "vestr_fee_records", "account", "The existing table vestr_fee_records cannot be adopted: column account is "
            + "not one of the fee store's and is NOT NULL without a default, so the fee store cannot write rows; "
            + "see docs/migrating.md, section \"Database\".");
  }

  private void assertRefused(String ddl, String table, String column, String message) throws Exception {
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      db.execute(ddl);
      String schemaBefore = schemaDump(db);

      FeeStore store = FeeStore.create(database.dataSource());
      assertThatThrownBy(store::migrate)
          .isInstanceOfSatisfying(IncompatibleTableException.class, e -> {
            assertThat(e.table()).isEqualTo(table);
            assertThat(e.column()).isEqualTo(column);
          })
          .hasMessage(message);
      // every later attempt (each task migrates first) says the same, and nothing was changed
      assertThatThrownBy(store::migrate).hasMessage(message);
      assertThat(schemaDump(db)).isEqualTo(schemaBefore);
      assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = '" + Schema.HISTORY_TABLE + "'")).isZero();
    }
  }

  private static String schemaDump(StoreAssertions db) throws Exception {
    return db.rows("SELECT table_name, column_name, data_type FROM information_schema.columns "
        + "WHERE table_schema = 'public' ORDER BY 1, 2").toString()
        + db.rows("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
  }

  @Test
  void constraintsTheDashboardsRelyOnRejectBadRows() throws Exception {
    FeeStore.create(database.dataSource()).migrate();
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      db.execute("INSERT INTO fee_sync_status (id, started_at, finished_at, status, window_from, window_to) "
          + "VALUES (1, now(), now(), 'succeeded', '2025-01-01', '2025-01-31')");
      String record = "INSERT INTO vestr_fee_records (id, booking_date, amount, currency, fee_type, product_id, "
          + "first_seen_at, updated_at, sync_run_id) VALUES ('%s', '2025-01-02', 1, '%s', 'OTHER', 'P', now(), now(), %s)";

      assertThatThrownBy(() -> db.execute(record.formatted("a", "chf", "1")))
          .hasMessageContaining("vestr_fee_records_currency_check");
      assertThatThrownBy(() -> db.execute(record.formatted("a", "CH", "1")))
          .hasMessageContaining("vestr_fee_records_currency_check");
      assertThatThrownBy(() -> db.execute(record.formatted("a", "CHF", "999")))
          .hasMessageContaining("vestr_fee_records_sync_run_id_fkey");
      assertThatThrownBy(() -> db.execute("INSERT INTO vestr_fee_daily_summaries VALUES "
          + "('2025-01-02', 'P', 'OTHER', 'eur', 1, 1)")).hasMessageContaining("vestr_fee_daily_summaries_currency_check");
      assertThatThrownBy(() -> db.execute("INSERT INTO fee_sync_status (started_at, status, window_from, window_to) "
          + "VALUES (now(), 'running', '2025-02-01', '2025-01-31')")).hasMessageContaining("fee_sync_status_window_check");
      assertThatThrownBy(() -> db.execute("INSERT INTO fee_sync_status (started_at, status, window_from, window_to) "
          + "VALUES (now(), 'failed', '2025-01-01', '2025-01-31')")).hasMessageContaining("fee_sync_status_finished_check");

      db.execute(record.formatted("a", "CHF", "1"));
      db.execute("DELETE FROM fee_sync_status WHERE id = 1");
      assertThat(db.rows("SELECT id, sync_run_id FROM vestr_fee_records"))
          .as("deleting a status row keeps its records").containsExactly(java.util.Arrays.asList("a", null));
      assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'fee_sync_status_started_idx'")).isZero();
    }
  }

  @Test
  void aRecordsCurrencyIsThreeLettersStoredInUpperCase() {
    assertThat(StoreAssertions.record("a", "2025-01-02", "1", "chf", FeeType.OTHER, "P").currency()).isEqualTo("CHF");
    for (String bad : List.of("CH", "EURO", "CH1", "C F")) {
      assertThatThrownBy(() -> StoreAssertions.record("a", "2025-01-02", "1", bad, FeeType.OTHER, "P"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fee record 'a': currency must be a code of three letters, was '" + bad + "'");
    }
  }

  @Test
  void latestVersionMatchesTheNewestMigrationFile() throws Exception {
    URL location = getClass().getClassLoader().getResource("db/migration/feestore");
    assertThat(location).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
      assertThat(files.map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max(Integer::compare))
          .contains(Integer.parseInt(Schema.LATEST_VERSION));
    }
  }

  @Test
  void anUnreachableDatabaseIsReportedInOneLineWithTheDriversReason() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    FeeStore store = FeeStore.create(
        DatabaseUrl.toDataSource("postgresql://someone:Secret-Pw-123@127.0.0.1:" + closedPort + "/nowhere"));

    assertThatThrownBy(store::migrate)
        .isInstanceOf(FeeStoreException.class)
        .hasMessageStartingWith("Migrating the fee store schema failed: Connection to 127.0.0.1:" + closedPort)
        .hasMessageNotContaining("SQL State")
        .hasMessageNotContaining("Secret-Pw-123")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
