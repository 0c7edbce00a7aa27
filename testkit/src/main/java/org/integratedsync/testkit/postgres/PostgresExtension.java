package org.integratedsync.testkit.postgres;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives a test class its own fresh PostgreSQL database on the JVM's
 * {@link ThrowawayPostgres#shared() shared test server}, and drops it after the class.
 *
 * <p>Register it in a static field and read the coordinates from it:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension pg = new PostgresExtension();
 *
 * @Test void works() throws Exception {
 *   try (Connection c = pg.dataSource().getConnection()) { ... }
 * }
 * }</pre>
 *
 * <p>or with {@code @ExtendWith(PostgresExtension.class)} declare a {@link PostgresDatabase} or
 * {@link DataSource} parameter. When no server can be had the class fails (it is never skipped) with a
 * message saying how to provide one.
 *
 * <p>Thread-safe.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private PostgresDatabase database;
  private String owner;

  /** Creates the extension; the database is created before the class's first test. */
  public PostgresExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (this) {
      if (owner == null) {
        owner = context.getUniqueId();
        database = ThrowawayPostgres.shared().createDatabase(context.getRequiredTestClass().getSimpleName());
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    PostgresDatabase created;
    synchronized (this) {
      if (!context.getUniqueId().equals(owner)) {
        return; // a nested class; the outer class owns the database
      }
      created = database;
      database = null;
      owner = null;
    }
    try {
      ThrowawayPostgres.shared().dropDatabase(created);
    } catch (RuntimeException e) {
      // Leaving a test database behind is not a test failure.
      System.err.println("[testkit] could not drop " + created + ": " + e.getMessage());
    }
  }

  /**
   * Returns this class's database.
   *
   * @throws IllegalStateException if called before the class's tests start (register the extension in a
   *     static field)
   */
  public synchronized PostgresDatabase database() {
    if (database == null) {
      throw new IllegalStateException("No database yet: register PostgresExtension in a static field "
          + "with @RegisterExtension and use it from tests or @BeforeAll/@BeforeEach methods");
    }
    return database;
  }

  /** Returns a new data source for this class's database. */
  public DataSource dataSource() {
    return database().dataSource();
  }

  /** Returns the JDBC URL (without credentials) of this class's database. */
  public String jdbcUrl() {
    return database().jdbcUrl();
  }

  /** Returns the libpq URL (with percent-encoded credentials) of this class's database. */
  public String libpqUrl() {
    return database().libpqUrl();
  }

  /** Returns the role name to log in with. */
  public String user() {
    return database().user();
  }

  /** Returns the role's password. */
  public String password() {
    return database().password();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == PostgresDatabase.class || type == DataSource.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == DataSource.class ? dataSource() : database();
  }
}
