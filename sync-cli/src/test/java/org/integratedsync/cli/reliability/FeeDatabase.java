package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.postgres.ThrowawayPostgres;

/**
 * A fresh database on the test PostgreSQL server, owned by a fresh role whose password is a
 * distinctive secret, with the checks the fee scenarios share (no duplicates, the aggregate
 * invariant, the sync status rows). The test's own connections use the server's superuser.
 */
final class FeeDatabase implements AutoCloseable {
  private final PostgresDatabase admin;
  private final String role;
  private final String password;

  private FeeDatabase(PostgresDatabase admin, String role, String password) {
    this.admin = admin;
    this.role = role;
    this.password = password;
  }

  /** Creates the database and its owner role. */
  static FeeDatabase create(String hint, String password) throws SQLException {
    PostgresDatabase database = ThrowawayPostgres.shared().createDatabase(hint);
    String role = "rel_" + database.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE \"" + role + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
      s.execute("ALTER DATABASE \"" + database.name() + "\" OWNER TO \"" + role + "\"");
      s.execute("ALTER SCHEMA public OWNER TO \"" + role + "\"");
    }
    return new FeeDatabase(database, role, password);
  }

  /** Returns {@code DATABASE_URL} in libpq form with the owner role's credentials. */
  String url() {
    return "postgresql://" + role + ":" + password + "@" + admin.host() + ":" + admin.port() + "/" + admin.name();
  }

  String host() {
    return admin.host();
  }

  int port() {
    return admin.port();
  }

  String name() {
    return admin.name();
  }

  /** Opens a superuser connection on the database. */
  Connection connect() throws SQLException {
    return admin.connect();
  }

  /** Returns a single number from a query. */
  long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Returns whether a table exists (the schema is created by the first run that needs it). */
  boolean tableExists(String table) throws SQLException {
    return count("select count(*) from information_schema.tables where table_name = '" + table + "'") > 0;
  }

  /** Returns the rows of {@code fee_sync_status} as "id status error", oldest first. */
  List<String[]> syncStatus() throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select id, status, coalesce(error, ''), finished_at from fee_sync_status order by id")) {
      while (r.next()) {
        rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
      }
    }
    return rows;
  }

  /** Returns the statuses of {@code fee_sync_status}, oldest first. */
  List<String> statuses() throws SQLException {
    return syncStatus().stream().map(row -> row[1]).toList();
  }

  /** Asserts that no record id occurs twice and that there are {@code expected} records. */
  void assertRecords(long expected) throws SQLException {
    assertThat(count("select count(*) - count(distinct id) from vestr_fee_records")).as("duplicate ids").isZero();
    assertThat(count("select count(*) from vestr_fee_records")).as("records").isEqualTo(expected);
  }

  /**
   * Asserts the store's invariant: per product and currency, the sums of amounts (and the record
   * counts) agree between the records, the daily and monthly summaries and the product totals,
   * and the product totals' per-type columns add up to their total.
   */
  void assertAggregateInvariant() throws SQLException {
    Map<String, String> records = sums(
        "select product_id, currency, sum(amount), count(*) from vestr_fee_records group by 1, 2");
    Map<String, String> daily = sums(
        "select product_id, currency, sum(total_amount), sum(record_count) from vestr_fee_daily_summaries group by 1, 2");
    Map<String, String> monthly = sums(
        "select product_id, currency, sum(total_amount), sum(record_count) from vestr_fee_monthly_summaries group by 1, 2");
    Map<String, String> totals = sums(
        "select product_id, currency, total_amount, record_count from vestr_fee_product_totals");
    assertThat(daily).as("daily summaries against records").isEqualTo(records);
    assertThat(monthly).as("monthly summaries against records").isEqualTo(records);
    assertThat(totals).as("product totals against records").isEqualTo(records);
    assertThat(count("select count(*) from vestr_fee_product_totals where total_amount <>"
        + " management_total + performance_total + custody_total + other_total"))
        .as("product totals whose per-type columns do not add up")
        .isZero();
  }

  private Map<String, String> sums(String sql) throws SQLException {
    Map<String, String> sums = new TreeMap<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        BigDecimal amount = r.getBigDecimal(3);
        sums.put(r.getString(1) + " " + r.getString(2),
            (amount == null ? "null" : amount.stripTrailingZeros().toPlainString()) + " in " + r.getLong(4));
      }
    }
    return sums;
  }

  /** Drops the database; the role stays on the throwaway server, which is harmless. */
  @Override
  public void close() {
    ThrowawayPostgres.shared().dropDatabase(admin);
  }
}
