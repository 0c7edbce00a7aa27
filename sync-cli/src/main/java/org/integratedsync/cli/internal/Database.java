package org.integratedsync.cli.internal;

import java.time.Clock;
import javax.sql.DataSource;
import org.integratedsync.feestore.DatabaseUrl;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.InvalidDatabaseUrlException;
import org.integratedsync.feestore.MigrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fee store of a run, shared by the fee tasks: opened from {@code DATABASE_URL}, with the
 * schema brought up to date once before the first task uses it (never in a dry run).
 *
 * <p>Not thread-safe; the tasks of a run use it one after the other.
 */
final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseUrl url;
  private final Clock clock;
  private FeeStore store;
  private boolean checked;

  private Database(DatabaseUrl url, Clock clock) {
    this.url = url;
    this.clock = clock;
  }

  /**
   * Reads and checks {@code DATABASE_URL}.
   *
   * @throws ConfigurationException if it is missing or malformed
   */
  static Database from(Settings settings, String neededFor, Clock clock) {
    String value = settings.require(Settings.DATABASE_URL, neededFor);
    try {
      DatabaseUrl url = DatabaseUrl.parse(value);
      url.toDataSource(); // rejects parameters the driver does not know, before anything runs
      return new Database(url, clock);
    } catch (InvalidDatabaseUrlException e) {
      throw new ConfigurationException(
          Settings.DATABASE_URL, "malformed setting DATABASE_URL: " + e.getMessage());
    }
  }

  /** Returns the URL without its password, for messages. */
  String describe() {
    return url.toString();
  }

  /** Returns a data source on the database. */
  DataSource dataSource() {
    return url.toDataSource();
  }

  /** Returns the store, without touching the schema. */
  FeeStore store() {
    if (store == null) {
      store = new FeeStore(url.toDataSource(), clock);
    }
    return store;
  }

  /**
   * Returns the store with its schema up to date: migrated in a normal run; in a dry run only
   * checked, failing if migrations are pending (they would change the database).
   *
   * @throws CliException in a dry run when the schema is not up to date
   */
  FeeStore ready(boolean dryRun) {
    FeeStore feeStore = store();
    if (!checked) {
      if (dryRun) {
        MigrationStatus status = feeStore.migrationStatus();
        if (!status.upToDate()) {
          throw new CliException(
              "the database schema is not up to date ("
                  + status.pending()
                  + " migration(s) pending); a dry run does not migrate it: run 'db migrate' first");
        }
      } else {
        int applied = feeStore.migrate();
        if (applied > 0) {
          LOG.info("database schema migrated ({} migration(s) applied)", applied);
        } else {
          LOG.debug("database schema is up to date");
        }
      }
      checked = true;
    }
    return feeStore;
  }
}
