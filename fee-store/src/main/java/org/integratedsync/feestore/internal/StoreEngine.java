package org.integratedsync.feestore.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.integratedsync.feestore.FeeReads;
import org.integratedsync.feestore.FeeStoreException;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.MigrationStatus;
import org.integratedsync.feestore.SchemaNotMigratedException;
import org.integratedsync.feestore.SyncInProgressException;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.feestore.SyncRun;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fee store's implementation behind {@link org.integratedsync.feestore.FeeStore}. Thread-safe. */
public final class StoreEngine {

  /** First key of the store's advisory locks ("FEES"). */
  static final int LOCK_CLASS = 0x46454553;
  /** Second key of the lock held for a whole sync or full re-aggregation. */
  static final int SYNC_LOCK = 1;
  /** Second key of the lock that serialises snapshot rebuilds. */
  static final int SNAPSHOT_LOCK = 2;

  private static final Logger LOG = LoggerFactory.getLogger(StoreEngine.class);
  private static final SqlScript REAGGREGATE_ALL = SqlScript.load("reaggregate_all");
  private static final SqlScript REBUILD_SNAPSHOT = SqlScript.load("rebuild_snapshot");

  /** Sets idle_session_timeout for the session where the server has it (14 and later); a no-op before. */
  private static final String SET_IDLE_SESSION_TIMEOUT =
      "SELECT set_config(name, %s, false) FROM pg_settings WHERE name = 'idle_session_timeout'";

  /** How long taking the sync lock waits for a session that holds it to end. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(1);
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** How long a full re-aggregation may run, whatever statement timeout the role sets. */
  static final Duration REAGGREGATE_ALL_TIMEOUT = Duration.ofMinutes(30);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Schema schema;
  private volatile boolean schemaChecked;

  public StoreEngine(DataSource dataSource, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jdbi = Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")).installPlugin(new SqlObjectPlugin());
    // SQL is written as is: no <attribute> templating, and a script's statements share one argument map.
    jdbi.setTemplateEngine(new NoTemplateEngine());
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    this.schema = new Schema(dataSource, jdbi);
  }

  public int migrate() {
    int applied = schema.migrate();
    schemaChecked = true;
    return applied;
  }

  public MigrationStatus migrationStatus() {
    return schema.status();
  }

  /** Fails fast on a database that was never migrated; a cheap query, not a Flyway scan. */
  private void requireMigrated() {
    if (schemaChecked) {
      return;
    }
    boolean current;
    try {
      current = jdbi.withHandle(handle -> handle.createQuery(
              "SELECT to_regclass(:table) IS NOT NULL AND EXISTS (SELECT 1 FROM " + Schema.HISTORY_TABLE
                  + " WHERE success AND version = :version)")
          .bind("table", Schema.HISTORY_TABLE).bind("version", Schema.LATEST_VERSION)
          .mapTo(Boolean.class).one());
    } catch (JdbiException e) {
      // The history table is missing, so the EXISTS part cannot even be planned.
      current = false;
    }
    if (!current) {
      throw new SchemaNotMigratedException(schema.status());
    }
    schemaChecked = true;
  }

  public FeeSync beginSync(LocalDate from, LocalDate to, SyncOptions options) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(options, "options");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("sync window starts after it ends: " + from + " > " + to);
    }
    requireMigrated();
    Handle handle = open();
    try {
      lockOrThrow(handle);
      // The connection waits, idle, while the caller fetches pages: a role's idle_session_timeout
      // (PostgreSQL 14 and later) must not end the session, and with it the lock, in the meantime.
      handle.execute(SET_IDLE_SESSION_TIMEOUT.formatted("'0'"));
      long runId = 0;
      if (!options.dryRun()) {
        SyncStatusDao status = handle.attach(SyncStatusDao.class);
        // Holding the lock means no other sync is alive, so every 'running' row belongs to a dead one.
        int abandoned = status.markAbandoned(now());
        if (abandoned > 0) {
          LOG.warn("Marked {} earlier fee sync(s) that never finished as abandoned", abandoned);
        }
        runId = status.insertRunning(now(), from, to);
      }
      return new SyncSession(handle, clock, from, to, options, runId);
    } catch (RuntimeException e) {
      closeQuietly(handle, true);
      throw wrap("Starting the fee sync for " + from + " to " + to, e);
    }
  }

  public int rebuildSnapshot() {
    requireMigrated();
    try {
      return jdbi.inTransaction(handle -> {
        handle.createQuery("SELECT pg_advisory_xact_lock(:c, :k)").bind("c", LOCK_CLASS).bind("k", SNAPSHOT_LOCK)
            .mapToMap().one();
        int products = REBUILD_SNAPSHOT.run(handle, Map.of("now", now()));
        LOG.info("Rebuilt fee_latest_snapshot: {} products", products);
        return products;
      });
    } catch (RuntimeException e) {
      throw wrap("Rebuilding the fee snapshot", e);
    }
  }

  public void reaggregateAll() {
    requireMigrated();
    Handle handle = open();
    try {
      lockOrThrow(handle);
      handle.useTransaction(transaction -> {
        allowStatementsToRun(transaction, REAGGREGATE_ALL_TIMEOUT, "a full re-aggregation");
        REAGGREGATE_ALL.run(transaction, Map.of());
      });
      LOG.info("Re-aggregated all fee summaries and product totals");
    } catch (RuntimeException e) {
      throw wrap("Re-aggregating the fee summaries", e);
    } finally {
      closeQuietly(handle, true);
    }
  }

  public List<SyncRun> recentSyncs(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    try {
      return jdbi.withExtension(SyncStatusDao.class, dao -> dao.recent(limit));
    } catch (RuntimeException e) {
      throw wrap("Reading fee_sync_status", e);
    }
  }

  /**
   * Runs {@code reading} on one read-only, repeatable-read transaction, so every query it makes sees the
   * same committed state; takes no lock.
   */
  public <T> T read(Function<FeeReads, T> reading) {
    Objects.requireNonNull(reading, "reading");
    requireMigrated();
    try {
      return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
        handle.execute("SET TRANSACTION READ ONLY");
        return reading.apply(new ReadQueries(handle));
      });
    } catch (JdbiException e) {
      throw wrap("Reading the fee store", e);
    }
  }

  private Handle open() {
    try {
      return jdbi.open();
    } catch (JdbiException e) {
      throw wrap("Connecting to the fee store database", e);
    }
  }

  /**
   * Takes the session-level sync lock, waiting at most {@link #LOCK_WAIT} for it on the server: a session
   * that has just ended (a connection aborted because its lock could not be released) lets go of its
   * locks a moment later, while a sync that is really running keeps it.
   */
  private static void lockOrThrow(Handle handle) {
    boolean locked;
    try {
      handle.begin();
      handle.execute("SET LOCAL lock_timeout = " + LOCK_WAIT.toMillis());
      handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_lock(:c, :k)) AS l")
          .bind("c", LOCK_CLASS).bind("k", SYNC_LOCK).mapTo(Integer.class).one();
      handle.commit(); // a session-level lock outlives the transaction that took it
      locked = true;
    } catch (JdbiException e) {
      if (!(e.getCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState()))) {
        throw e;
      }
      handle.rollback();
      locked = false;
    }
    if (!locked) {
      int holder = handle.createQuery("SELECT coalesce(max(pid), 0) FROM pg_locks WHERE locktype = 'advisory' "
              + "AND classid = CAST(:c AS oid) AND objid = CAST(:k AS oid) AND objsubid = 2 AND granted")
          .bind("c", LOCK_CLASS).bind("k", SYNC_LOCK).mapTo(Integer.class).one();
      throw new SyncInProgressException(holder);
    }
  }

  /**
   * Raises the statement timeout for the rest of the handle's transaction to {@code budget} where the
   * session's own is shorter; a session without one (0) keeps none. For the few statements that may
   * legitimately run long on a large store, on roles that set a short {@code statement_timeout}.
   */
  static void allowStatementsToRun(Handle handle, Duration budget, String what) {
    long current = handle.createQuery("SELECT CAST(setting AS bigint) FROM pg_settings WHERE name = 'statement_timeout'")
        .mapTo(Long.class).one();
    if (current != 0 && current < budget.toMillis()) {
      handle.execute("SET LOCAL statement_timeout = " + budget.toMillis());
      LOG.info("statement_timeout raised from {} ms to {} ms for {}", current, budget.toMillis(), what);
    }
  }

  /**
   * Releases the sync lock if asked and closes the handle. A connection whose lock could not be released
   * is aborted ({@link java.sql.Connection#abort}), never handed back to a pool: the server ends its
   * session, which releases every lock it held, where a pooled connection would keep the lock alive for
   * as long as the pool keeps the connection.
   */
  static void closeQuietly(Handle handle, boolean unlock) {
    boolean clean = true;
    try {
      if (unlock) {
        if (handle.isInTransaction()) {
          handle.rollback();
        }
        // Releases every session-level lock this connection holds, so a pooled connection goes back clean.
        handle.execute("SELECT pg_advisory_unlock_all()");
        handle.execute(SET_IDLE_SESSION_TIMEOUT.formatted("reset_val"));
      }
    } catch (RuntimeException e) {
      clean = false;
      LOG.debug("Releasing the fee sync lock failed; aborting the connection, which releases it", e);
    }
    if (!clean) {
      try {
        handle.getConnection().abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("Could not abort a fee store connection whose sync lock could not be released: {}", rootMessage(e));
      }
    }
    try {
      handle.close();
    } catch (RuntimeException e) {
      LOG.debug("Closing a fee store connection failed", e);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static FeeStoreException wrap(String what, RuntimeException e) {
    if (e instanceof FeeStoreException known) {
      return known;
    }
    return new FeeStoreException(what + " failed: " + rootMessage(e), e);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
