package org.integratedsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.postgres.ThrowawayPostgres;

/**
 * Servers and data shared between scenarios, started on first use: the throwaway PostgreSQL
 * server, a database holding the full fee history, and a scratch folder. Not thread-safe.
 */
final class Fixtures implements AutoCloseable {

  private final List<PostgresDatabase> databases = new ArrayList<>();
  private PostgresDatabase historyDatabase;
  private Path scratch;
  private boolean postgresUsed;

  /** The shared PostgreSQL server (a throwaway cluster, or TEST_DATABASE_URL). */
  ThrowawayPostgres postgres() {
    postgresUsed = true;
    return ThrowawayPostgres.shared();
  }

  /** The server version, or null when no scenario used PostgreSQL. */
  String postgresVersion() {
    return postgresUsed ? postgres().serverVersion() : null;
  }

  /** A new empty database, dropped when the run ends (or earlier with {@link #drop}). */
  PostgresDatabase newDatabase(String hint) {
    PostgresDatabase database = postgres().createDatabase("bench" + hint);
    databases.add(database);
    return database;
  }

  /** Drops a database made by {@link #newDatabase} now, to give its disk space back. */
  void drop(PostgresDatabase database) {
    if (database == historyDatabase) {
      return;
    }
    postgres().dropDatabase(database);
    databases.remove(database);
  }

  /**
   * A migrated fee store holding the whole {@link FeeData} history, loaded through {@link FeeStore}
   * the first time it is asked for (unless the load scenario already handed one over).
   */
  PostgresDatabase historyDatabase() {
    if (historyDatabase == null) {
      System.err.printf("  loading %,d fee records for the history database…%n", FeeData.RECORDS);
      PostgresDatabase database = newDatabase("history");
      FeeStore store = FeeStore.create(database.dataSource());
      store.migrate();
      try (FeeSync sync = store.beginSync(FeeData.FIRST_DAY, FeeData.lastDay(FeeData.RECORDS), SyncOptions.DEFAULTS)) {
        for (long from = 0; from < FeeData.RECORDS; from += FeeData.PAGE) {
          sync.addPage(FeeData.page(from, Math.min(FeeData.RECORDS, from + FeeData.PAGE)));
        }
        sync.commit();
      }
      historyDatabase = database;
    }
    return historyDatabase;
  }

  /** Hands over a database that holds the whole history at version 0, so it need not be loaded again. */
  void offerHistoryDatabase(PostgresDatabase database) {
    if (historyDatabase == null) {
      historyDatabase = database;
    }
  }

  /** A scratch folder for this run, deleted at the end. */
  Path scratch() {
    if (scratch == null) {
      try {
        scratch = Files.createTempDirectory("integrated-sync-bench");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return scratch;
  }

  @Override
  public void close() {
    for (PostgresDatabase database : List.copyOf(databases)) {
      try {
        postgres().dropDatabase(database);
      } catch (RuntimeException e) {
        System.err.println("  could not drop " + database.name() + ": " + e.getMessage());
      }
    }
    if (scratch != null) {
      Files2.deleteTree(scratch);
    }
  }
}
