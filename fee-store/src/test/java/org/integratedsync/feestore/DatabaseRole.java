package org.integratedsync.feestore;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.integratedsync.testkit.postgres.PostgresDatabase;

/**
 * A login role on the throwaway server that owns one test database, as an application's role on a hosted
 * PostgreSQL would: not a superuser, with whatever per-role settings the test gives it. Dropped on close.
 */
final class DatabaseRole implements AutoCloseable {

  private final PostgresDatabase admin;
  private final String name;
  private final PostgresDatabase asRole;

  private DatabaseRole(PostgresDatabase admin, String name, PostgresDatabase asRole) {
    this.admin = admin;
    this.name = name;
    this.asRole = asRole;
  }

  /**
   * Creates the role, makes it the owner of {@code database} and applies {@code settings}, each a
   * {@code name = 'value'} pair as in {@code ALTER ROLE … SET}.
   */
  static DatabaseRole create(PostgresDatabase database, String... settings) throws SQLException {
    String name = "fees_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    String password = "Pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
      statement.execute("ALTER DATABASE \"" + database.name() + "\" OWNER TO " + name);
      statement.execute("GRANT ALL ON SCHEMA public TO " + name);
      for (String setting : settings) {
        statement.execute("ALTER ROLE " + name + " SET " + setting);
      }
    }
    PostgresDatabase asRole = new PostgresDatabase(database.host(), database.port(), database.name(), name, password,
        database.parameters());
    return new DatabaseRole(database, name, asRole);
  }

  /** Returns the role's name. */
  String name() {
    return name;
  }

  /** Returns the database as seen by this role. */
  PostgresDatabase database() {
    return asRole;
  }

  /** Ends the role's sessions and drops it with everything it owns in the database. */
  @Override
  public void close() throws SQLException {
    try (Connection connection = admin.connect(); Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'");
      statement.execute("ALTER DATABASE \"" + admin.name() + "\" OWNER TO CURRENT_USER");
      statement.execute("DROP OWNED BY " + name + " CASCADE");
      statement.execute("DROP ROLE " + name);
    }
  }
}
