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
    assertThat(store.migrationStatus()).isEqualTo(new MigrationStatus(Optional.empty(), Schema.LATEST_VERSION, 1));

    assertThat(store.migrate()).isEqualTo(1);
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
    assertThat(store.migrationStatus()).isEqualTo(new MigrationStatus(Optional.of("1"), "1", 0));
    assertThat(store.migrationStatus().upToDate()).isTrue();
  }

  @Test
  void anUnmigratedDatabaseIsReportedNotBrokenInto() {
    FeeStore store = FeeStore.create(database.dataSource());
    assertThatThrownBy(() -> store.beginSync(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"),
        SyncOptions.DEFAULTS))
        .isInstanceOfSatisfying(SchemaNotMigratedException.class,
            e -> assertThat(e.status().pending()).isEqualTo(1))
        .hasMessageContaining("db migrate");
    assertThatThrownBy(store::rebuildSnapshot).isInstanceOf(SchemaNotMigratedException.class);
  }

  @Test
  void aDatabaseThatAlreadyHasTablesIsAdopted() throws Exception {
    try (StoreAssertions db = new StoreAssertions(database.dataSource())) {
      db.execute("CREATE TABLE dashboard_settings (k text PRIMARY KEY, v text)");
      db.execute("CREATE TABLE vestr_fee_daily_summaries (booking_date date NOT NULL, product_id text NOT NULL, "
          + "fee_type text NOT NULL, currency text NOT NULL, total_amount numeric NOT NULL, record_count bigint NOT NULL, "
          + "PRIMARY KEY (booking_date, product_id, fee_type, currency))");
      db.execute("INSERT INTO vestr_fee_daily_summaries VALUES ('2025-01-02', 'P', 'OTHER', 'CHF', 1, 1)");

      assertThat(FeeStore.create(database.dataSource()).migrate()).isEqualTo(1);

      assertThat(db.count("SELECT count(*) FROM vestr_fee_daily_summaries")).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM dashboard_settings")).isZero();
      assertThat(db.count("SELECT count(*) FROM vestr_fee_records")).isZero();
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
