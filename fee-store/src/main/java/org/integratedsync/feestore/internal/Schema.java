package org.integratedsync.feestore.internal;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.integratedsync.feestore.FeeStoreException;
import org.integratedsync.feestore.IncompatibleTableException;
import org.integratedsync.feestore.MigrationStatus;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fee store's Flyway migrations (in the jar under {@code db/migration/feestore}). Thread-safe. */
public final class Schema {

  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  /** Where the migrations live on the classpath. */
  public static final String LOCATION = "classpath:db/migration/feestore";
  /** Flyway's history table; named for this library so it cannot clash with an application's own. */
  public static final String HISTORY_TABLE = "fee_store_schema_history";

  /** The newest migration's version; {@code SchemaTest} checks it against the migration files. */
  public static final String LATEST_VERSION = "2";

  private final Flyway flyway;
  private final Jdbi jdbi;

  public Schema(DataSource dataSource, Jdbi jdbi) {
    this.jdbi = jdbi;
    this.flyway = Flyway.configure(Schema.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // A database that already holds other tables (or the dashboards' tables) is adopted: version 0 is
        // the baseline, so V1 still runs and creates whatever is missing. The store's own tables are
        // checked against V1 first (AdoptionCheck); V2 re-aggregates whatever summaries were adopted.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  /**
   * Applies pending migrations and returns how many ran (0 when up to date). On a database never migrated,
   * first checks the store's tables it already holds.
   *
   * @throws IncompatibleTableException if an existing table has another shape than V1 would give it
   */
  public int migrate() {
    try {
      if (!migratedBefore()) {
        List<String> adopted = jdbi.withHandle(AdoptionCheck::check);
        if (!adopted.isEmpty()) {
          LOG.info("Adopting the existing tables {}: they match the fee store's schema", adopted);
        }
      }
      return flyway.migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw new FeeStoreException("Migrating the fee store schema failed: " + reason(e), e);
    } catch (JdbiException e) {
      throw new FeeStoreException("Migrating the fee store schema failed: " + reason(e), e);
    }
  }

  /** Whether Flyway's history table exists in the current schema (so the tables are the store's own). */
  private boolean migratedBefore() {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT to_regclass(quote_ident(current_schema()) || '.' "
        + "|| :table) IS NOT NULL").bind("table", HISTORY_TABLE).mapTo(Boolean.class).one());
  }

  /** Returns the applied and pending state. */
  public MigrationStatus status() {
    try {
      MigrationInfoService info = flyway.info();
      MigrationInfo current = info.current();
      MigrationInfo[] all = info.all();
      String latest = Arrays.stream(all)
          .filter(migration -> migration.getVersion() != null && migration.getScript() != null
              && !migration.getScript().startsWith("<<"))
          .map(migration -> migration.getVersion().getVersion())
          .reduce((first, second) -> second)
          .orElse("0");
      Optional<String> currentVersion = Optional.ofNullable(current).map(m -> m.getVersion().getVersion());
      return new MigrationStatus(currentVersion, latest, info.pending().length);
    } catch (FlywayException e) {
      throw new FeeStoreException("Reading the fee store schema version failed: " + reason(e), e);
    }
  }

  /**
   * Returns the database's own message when the failure came from the database (connection refused,
   * SSL, authentication): Flyway's message is a multi-line report that repeats it among SQL state
   * and error code lines.
   */
  static String reason(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().strip();
      }
    }
    return e.getMessage();
  }
}
