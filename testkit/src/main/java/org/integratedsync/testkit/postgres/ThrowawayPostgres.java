package org.integratedsync.testkit.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that tests in this JVM share: the one named by {@code TEST_DATABASE_URL} when
 * that is set, otherwise one throwaway cluster started on first use from the local PostgreSQL binaries
 * (see {@link #shared()}) and stopped when the JVM exits.
 *
 * <p>Tests never share a database: each asks for a fresh one with {@link #createDatabase(String)}.
 * Usable from plain Java (CLI tests, benchmarks) as well as through {@link PostgresExtension}.
 *
 * <p>Thread-safe.
 */
public final class ThrowawayPostgres {

  /** Environment variable naming an existing server to use instead of a throwaway cluster. */
  public static final String TEST_DATABASE_URL = "TEST_DATABASE_URL";

  private static final Logger LOG = LoggerFactory.getLogger(ThrowawayPostgres.class);
  private static final List<Path> INSTALL_ROOTS = List.of(Path.of("/usr/lib/postgresql"), Path.of("/usr/pgsql"),
      Path.of("/usr/local/pgsql"), Path.of("/opt/postgresql"));
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static ThrowawayPostgres shared;
  private static RuntimeException sharedFailure;

  private final PostgresDatabase maintenance;
  private final Duration startupTime;
  private final boolean external;

  private ThrowawayPostgres(PostgresDatabase maintenance, Duration startupTime, boolean external) {
    this.maintenance = maintenance;
    this.startupTime = startupTime;
    this.external = external;
  }

  /**
   * Returns this JVM's test server, starting it on first call.
   *
   * <p>With {@code TEST_DATABASE_URL} set (libpq form {@code postgresql://user:pass@host:port/db} or JDBC
   * form) that server is used; its user must be allowed to create databases. Otherwise {@code initdb} and
   * {@code pg_ctl} are looked up in {@code TEST_POSTGRES_BIN}, on PATH, through {@code pg_config --bindir}
   * and under {@code /usr/lib/postgresql/*}{@code /bin}, and a cluster is started in a temporary folder on
   * a free loopback port with fsync off, as user {@code postgres} (or {@code nobody}) when the JVM runs as
   * root. The start time is logged and printed to standard error.
   *
   * @throws IllegalStateException with instructions if there is no way to get a server; later calls
   *     throw the same failure again without retrying
   */
  public static synchronized ThrowawayPostgres shared() {
    if (shared != null) {
      return shared;
    }
    if (sharedFailure != null) {
      throw sharedFailure;
    }
    try {
      shared = open(System.getenv());
      return shared;
    } catch (RuntimeException e) {
      sharedFailure = e;
      throw e;
    }
  }

  private static ThrowawayPostgres open(Map<String, String> env) {
    String url = env.get(TEST_DATABASE_URL);
    if (url != null && !url.isBlank()) {
      PostgresDatabase server;
      try {
        server = ServerUrl.parse(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage() + "; fix or unset " + TEST_DATABASE_URL, e);
      }
      ThrowawayPostgres postgres = new ThrowawayPostgres(server, Duration.ZERO, true);
      postgres.checkReachable();
      return postgres;
    }
    Path binDir = LocalCluster.findBinDir(env, INSTALL_ROOTS)
        .orElseThrow(() -> new IllegalStateException(noPostgresMessage()));
    long begin = System.nanoTime();
    LocalCluster cluster = LocalCluster.start(binDir);
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "throwaway-postgres-stop"));
    PostgresDatabase maintenance =
        new PostgresDatabase("127.0.0.1", cluster.port(), "postgres", LocalCluster.SUPERUSER, cluster.password(), Map.of());
    ThrowawayPostgres postgres = new ThrowawayPostgres(maintenance, took, false);
    String line = String.format(Locale.ROOT,
        "Throwaway PostgreSQL (%s) started in %d ms (initdb %d ms, pg_ctl start %d ms) on 127.0.0.1:%d as %s, data in %s",
        binDir, took.toMillis(), cluster.initdbTime().toMillis(), cluster.startTime().toMillis(), cluster.port(),
        cluster.osUser(), cluster.baseDir());
    LOG.info(line);
    // Tests run without a logging backend, so say it where a build log shows it too.
    System.err.println("[testkit] " + line);
    return postgres;
  }

  /** The message given when neither {@code TEST_DATABASE_URL} nor local binaries are available. */
  static String noPostgresMessage() {
    return "No PostgreSQL for tests: set " + TEST_DATABASE_URL + "=postgresql://user:password@host:5432/postgres "
        + "(a server where that user may CREATE DATABASE), or install the PostgreSQL server binaries "
        + "(Debian/Ubuntu: apt-get install postgresql; RHEL: dnf install postgresql-server; macOS: brew install "
        + "postgresql) so that initdb and pg_ctl are on PATH, found by pg_config --bindir, or under "
        + "/usr/lib/postgresql/<version>/bin; or point TEST_POSTGRES_BIN at the folder holding them. "
        + "The server does not need to be running.";
  }

  private void checkReachable() {
    try (Connection connection = maintenance.connect()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to " + TEST_DATABASE_URL + " (" + maintenance + "): "
          + e.getMessage(), e);
    }
  }

  /**
   * Creates a new, empty database and returns its coordinates.
   *
   * @param hint a word to put into the database name so it can be told apart (for example the test class);
   *     anything but letters and digits is dropped
   * @throws IllegalStateException if the server refuses
   */
  public PostgresDatabase createDatabase(String hint) {
    Objects.requireNonNull(hint, "hint");
    String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    String name = "t" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid() + "_"
        + cleaned.substring(0, Math.min(cleaned.length(), 40));
    execute("CREATE DATABASE \"" + name + "\" TEMPLATE template0 ENCODING 'UTF8'");
    return maintenance.withName(name);
  }

  /**
   * Creates a new, empty database with a generated name.
   *
   * @throws IllegalStateException if the server refuses
   */
  public PostgresDatabase createDatabase() {
    return createDatabase("db");
  }

  /**
   * Drops a database created by {@link #createDatabase(String)}, closing its open connections first.
   *
   * @throws IllegalStateException if the server refuses
   */
  public void dropDatabase(PostgresDatabase database) {
    execute("DROP DATABASE IF EXISTS \"" + database.name().replace("\"", "\"\"") + "\" WITH (FORCE)");
  }

  /** Returns how long the throwaway cluster took to start (zero with {@code TEST_DATABASE_URL}). */
  public Duration startupTime() {
    return startupTime;
  }

  /** Returns whether the server came from {@code TEST_DATABASE_URL} rather than a throwaway cluster. */
  public boolean isExternal() {
    return external;
  }

  /** Returns the server's version string, e.g. {@code 15.14}. */
  public String serverVersion() {
    try (Connection connection = maintenance.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot query the server version: " + e.getMessage(), e);
    }
  }

  private void execute(String sql) {
    try (Connection connection = maintenance.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + maintenance + ": " + e.getMessage(), e);
    }
  }

  /** Returns the binary folder lookup used by {@link #shared()}, for tests of the lookup itself. */
  static Optional<Path> findBinDir(Map<String, String> env, List<Path> installRoots) {
    return LocalCluster.findBinDir(env, installRoots);
  }

  @Override
  public String toString() {
    return "ThrowawayPostgres[" + maintenance + (external ? ", external" : "") + "]";
  }
}
