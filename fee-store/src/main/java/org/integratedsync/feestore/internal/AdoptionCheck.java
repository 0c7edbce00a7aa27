package org.integratedsync.feestore.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.integratedsync.feestore.IncompatibleTableException;
import org.jdbi.v3.core.Handle;

/**
 * Before the first migration of a database that already holds some of the store's six tables (left by an
 * earlier tool, or created by hand), compares each of them with what migration V1 would create: every
 * column V1 creates, with the same type, and the same primary key. A column V1 does not create is kept
 * when the store can write rows without it (it is nullable or has a default). A text key in the
 * database's default collation is accepted: V2 gives it the byte order ({@code "C"}) the store uses. The
 * expected shape is read from V1 itself, run into this session's temporary schema inside a transaction
 * that is rolled back, so it cannot drift from the migration.
 */
final class AdoptionCheck {

  /** The store's tables, in the order they are checked. */
  static final List<String> TABLES = List.of("vestr_fee_records", "vestr_fee_daily_summaries",
      "vestr_fee_monthly_summaries", "vestr_fee_product_totals", "fee_sync_status", "fee_latest_snapshot");

  /** Where the message sends the reader. */
  static final String HELP = "see docs/migrating.md, section \"Database\"";

  private static final String V1 = "/db/migration/feestore/V1__fee_store.sql";

  private static final String COLUMNS = """
      SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS not_null, a.atthasdef AS has_default,
             a.attidentity <> '' AS identity
      FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = :schema) AND c.relkind IN ('r', 'p')
        AND c.relname = ANY (CAST(:tables AS text[]))
      ORDER BY c.relname, a.attnum
      """;

  private static final String PRIMARY_KEYS = """
      SELECT c.relname AS table_name, string_agg(a.attname, ', ' ORDER BY k.ord) AS columns
      FROM pg_class c
      JOIN pg_constraint p ON p.conrelid = c.oid AND p.contype = 'p'
      CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k (attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = :schema) AND c.relname = ANY (CAST(:tables AS text[]))
      GROUP BY c.relname
      """;

  private record Column(String name, String type, boolean writable) {}

  private record Table(String name, Map<String, Column> columns, Optional<String> primaryKey) {}

  private AdoptionCheck() {}

  /**
   * Checks the tables of the handle's current schema that the store would adopt.
   *
   * @return the names of the store's tables that already exist (empty on a fresh database)
   * @throws IncompatibleTableException naming the first table and column that differ
   */
  static List<String> check(Handle handle) {
    String schema = handle.createQuery("SELECT current_schema()").mapTo(String.class).one();
    Map<String, Table> existing = read(handle, schema);
    if (existing.isEmpty()) {
      return List.of();
    }
    Map<String, Table> expected;
    handle.begin();
    try {
      handle.execute("SET LOCAL search_path = pg_temp");
      SqlScript.fromResource(V1).run(handle, Map.of());
      String temp = handle.createQuery("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()")
          .mapTo(String.class).one();
      expected = read(handle, temp);
    } finally {
      handle.rollback();
    }
    for (String name : TABLES) {
      Table table = existing.get(name);
      if (table != null) {
        compare(table, Objects.requireNonNull(expected.get(name), name));
      }
    }
    return TABLES.stream().filter(existing::containsKey).toList();
  }

  private static void compare(Table actual, Table expected) {
    String t = actual.name();
    for (Column want : expected.columns().values()) {
      Column have = actual.columns().get(want.name());
      if (have == null) {
        throw mismatch(t, want.name(), "has no column " + want.name() + " (" + want.type() + ")");
      }
      if (!have.type().equals(want.type())) {
        throw mismatch(t, want.name(), "column " + want.name() + " is " + have.type() + ", the fee store needs "
            + want.type());
      }
    }
    for (Column extra : actual.columns().values()) {
      if (!expected.columns().containsKey(extra.name()) && !extra.writable()) {
        throw mismatch(t, extra.name(), "column " + extra.name() + " is not one of the fee store's and is NOT "
            + "NULL without a default, so the fee store cannot write rows");
      }
    }
    String wanted = expected.primaryKey().orElseThrow();
    if (actual.primaryKey().isEmpty()) {
      throw mismatch(t, wanted, "has no primary key; the fee store needs one on (" + wanted + ")");
    }
    if (!actual.primaryKey().get().equals(wanted)) {
      throw mismatch(t, wanted, "has its primary key on (" + actual.primaryKey().get()
          + "); the fee store needs it on (" + wanted + ")");
    }
  }

  private static IncompatibleTableException mismatch(String table, String column, String problem) {
    return new IncompatibleTableException(table, column, "The existing table " + table + " cannot be adopted: "
        + problem + "; " + HELP + ".");
  }

  private static Map<String, Table> read(Handle handle, String schema) {
    String[] tables = TABLES.toArray(String[]::new);
    Map<String, Map<String, Column>> columns = new LinkedHashMap<>();
    handle.createQuery(COLUMNS).bind("schema", schema).bind("tables", tables)
        .map((rs, ctx) -> Map.entry(rs.getString("table_name"), new Column(rs.getString("column_name"),
            rs.getString("type"), !rs.getBoolean("not_null") || rs.getBoolean("has_default") || rs.getBoolean("identity"))))
        .forEach(entry -> columns.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>())
            .put(entry.getValue().name(), entry.getValue()));
    Map<String, String> keys = new LinkedHashMap<>();
    handle.createQuery(PRIMARY_KEYS).bind("schema", schema).bind("tables", tables)
        .map((rs, ctx) -> Map.entry(rs.getString("table_name"), rs.getString("columns")))
        .forEach(entry -> keys.put(entry.getKey(), entry.getValue()));
    Map<String, Table> result = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(columns.keySet());
    for (String name : names) {
      result.put(name, new Table(name, columns.get(name), Optional.ofNullable(keys.get(name))));
    }
    return result;
  }
}
