package org.integratedsync.feestore.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.integratedsync.feestore.EmptyWindowException;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.feestore.FeeStoreException;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.feestore.SyncResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync in progress: pages are spooled to a local temporary file as they arrive, with no statement
 * running and no transaction open, and the whole database part of the sync (COPY from the spool, merge,
 * re-aggregation, status) runs in one short transaction on commit. Holds its connection (idle, outside
 * any transaction) and the session-level sync lock until it ends. Not thread-safe.
 */
final class SyncSession implements FeeSync {

  private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);
  private static final SqlScript PREPARE_STAGING = SqlScript.load("prepare_staging");
  private static final SqlScript DEDUPE = SqlScript.load("dedupe");
  private static final SqlScript DIFF = SqlScript.load("diff");
  private static final SqlScript APPLY = SqlScript.load("apply");
  private static final SqlScript REAGGREGATE_TOUCHED = SqlScript.load("reaggregate_touched");
  private static final SqlScript REAGGREGATE_ALL = SqlScript.load("reaggregate_all");
  private static final String COLUMNS = "id, booking_date, value_date, amount, currency, fee_type, source_fee_type, "
      + "product_id, product_isin, product_name, outstanding_quantity";
  private static final String COPY_STAGING = "COPY fee_staging (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)";
  private static final String COPY_RECORDS = "COPY vestr_fee_records (" + COLUMNS
      + ", first_seen_at, updated_at, sync_run_id) FROM STDIN WITH (FORMAT csv)";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int MAX_ERROR_LENGTH = 4000;
  /**
   * Analyzing fee_incoming costs about 0.2 s at 30,000 rows, a fifth of a daily re-sync, whose diff probes
   * the primary key whatever the statistics say; only the hash joins of a big load gain from it. Loads
   * this big also get their own statement timeout (see {@link #LOAD_TIMEOUT_PER_RECORD}).
   */
  static final long LARGE_LOAD = 100_000;
  /**
   * A load of {@link #LARGE_LOAD} records or more may take longer than a statement timeout set on the role
   * for ordinary statements: its transaction raises the timeout (never lowers it, never lifts it to
   * none) to this much per record, and to at least {@link #MIN_LOAD_TIMEOUT}.
   */
  static final Duration LOAD_TIMEOUT_PER_RECORD = Duration.ofMillis(1);
  static final Duration MIN_LOAD_TIMEOUT = Duration.ofMinutes(2);
  /**
   * How long a large first load waits for the exclusive locks it needs to drop indexes; a dashboard
   * query holding the tables longer makes it keep them instead.
   */
  static final Duration LOCK_WAIT = Duration.ofSeconds(2);
  private static final List<String> RECORD_TABLES = List.of("vestr_fee_records");
  private static final List<String> SUMMARY_TABLES =
      List.of("vestr_fee_daily_summaries", "vestr_fee_monthly_summaries");

  private enum State { OPEN, DONE }

  private final Handle handle;
  private final Clock clock;
  private final LocalDate from;
  private final LocalDate to;
  private final SyncOptions options;
  private final long runId;
  private State state = State.OPEN;
  private long fetched;
  private Spool spool;

  SyncSession(Handle handle, Clock clock, LocalDate from, LocalDate to, SyncOptions options, long runId) {
    this.handle = handle;
    this.clock = clock;
    this.from = from;
    this.to = to;
    this.options = options;
    this.runId = runId;
  }

  @Override
  public void addPage(List<FeeRecord> records) {
    Objects.requireNonNull(records, "records");
    requireOpen();
    if (records.isEmpty()) {
      return;
    }
    StringBuilder csv = new StringBuilder(200);
    try {
      if (spool == null) {
        spool = Spool.create();
      }
      for (FeeRecord record : records) {
        Objects.requireNonNull(record, "record");
        csv.setLength(0);
        field(csv, record.id()).append(',');
        field(csv, record.bookingDate()).append(',');
        field(csv, record.valueDate()).append(',');
        field(csv, record.amount()).append(',');
        field(csv, record.currency()).append(',');
        field(csv, record.feeType().name()).append(',');
        field(csv, record.sourceFeeType()).append(',');
        field(csv, record.productId()).append(',');
        field(csv, record.productIsin()).append(',');
        field(csv, record.productName()).append(',');
        field(csv, record.outstandingQuantity());
        spool.append(csv.toString().getBytes(StandardCharsets.UTF_8));
      }
      fetched += records.size();
    } catch (IOException e) {
      throw new FeeStoreException("Spooling a page of " + records.size() + " fee records to a temporary file "
          + "failed: " + StoreEngine.rootMessage(e), e);
    }
  }

  /** Writes one CSV field: null as an empty unquoted field, anything else quoted. */
  private static StringBuilder field(StringBuilder csv, Object value) {
    if (value == null) {
      return csv;
    }
    String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    return csv.append('"').append(text.replace("\"", "\"\"")).append('"');
  }

  @Override
  public SyncResult commit() {
    requireOpen();
    state = State.DONE;
    try {
      SyncResult result = merge();
      LOG.info("Fee sync {} to {}{}: fetched {}, inserted {}, updated {}, unchanged {}, deleted {}", from, to,
          options.dryRun() ? " (dry run, nothing changed)" : "", result.fetched(), result.inserted(),
          result.updated(), result.unchanged(), result.deleted());
      return result;
    } catch (RuntimeException e) {
      rollbackQuietly();
      markFailed(e);
      throw StoreEngine.wrap("Fee sync " + from + " to " + to + " (the store is unchanged)", e);
    } finally {
      closeSpool();
      StoreEngine.closeQuietly(handle, true);
    }
  }

  private SyncResult merge() {
    Map<String, Object> arguments = new HashMap<>();
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    arguments.put("from", from);
    arguments.put("to", to);
    arguments.put("runId", options.dryRun() ? null : runId);
    arguments.put("now", now);
    if (fetched == 0 && !options.allowEmptyWindow()) {
      long stored = handle.createQuery("SELECT count(*) FROM vestr_fee_records WHERE booking_date BETWEEN :from AND :to")
          .bind("from", from).bind("to", to).mapTo(Long.class).one();
      if (stored > 0) {
        throw new EmptyWindowException(from, to, stored);
      }
    }
    // From here on the statements follow one another without waiting on anything outside the database.
    handle.begin();
    // The merge's statements are short index-driven ones; JIT compilation would cost more than it saves.
    handle.execute("SET LOCAL jit = off");
    if (fetched >= LARGE_LOAD) {
      StoreEngine.allowStatementsToRun(handle, Duration.ofMillis(
          Math.max(MIN_LOAD_TIMEOUT.toMillis(), fetched * LOAD_TIMEOUT_PER_RECORD.toMillis())),
          "a load of " + fetched + " fee records");
    }
    if (!options.dryRun() && fetched > 0 && loadedIntoEmptyStore(now, arguments)) {
      return succeeded(now, fetched, 0, 0, 0);
    }
    PREPARE_STAGING.run(handle, arguments);
    copy(COPY_STAGING, new byte[0]);
    DEDUPE.run(handle, arguments);
    if (fetched >= LARGE_LOAD) {
      // Temp tables get no statistics from autovacuum; the joins on a big load plan better with them.
      handle.execute("ANALYZE fee_incoming");
    }
    DIFF.run(handle, arguments);
    Map<String, Long> kinds = new HashMap<>();
    handle.createQuery("SELECT kind, count(*) AS n FROM fee_diff GROUP BY kind")
        .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getLong("n")))
        .forEach(entry -> kinds.put(entry.getKey(), entry.getValue()));
    long inserted = kinds.getOrDefault("I", 0L);
    long updated = kinds.getOrDefault("U", 0L);
    long unchanged = kinds.getOrDefault("S", 0L);
    long deleted = kinds.getOrDefault("D", 0L);
    if (options.dryRun()) {
      handle.rollback();
      return new SyncResult(OptionalLong.empty(), from, to, fetched, inserted, updated, unchanged, deleted, true);
    }
    APPLY.run(handle, arguments);
    // A few hundred rows on a daily sync; with statistics the planner sizes the touched keys correctly.
    handle.execute("ANALYZE fee_touched");
    REAGGREGATE_TOUCHED.run(handle, arguments);
    return succeeded(now, inserted, updated, unchanged, deleted);
  }

  /**
   * Into a store without any record, copies the spool straight into {@code vestr_fee_records} (one write of
   * each row instead of staging, de-duplication and diff) and builds every summary from scratch. A load of
   * {@link #LARGE_LOAD} records or more does so with the indexes and keys of the records and of the daily
   * and monthly summaries dropped and built again afterwards ({@link DeferredIndexes}). A record id that
   * repeats within the load breaks the primary key: all of it is then undone and the general merge, where
   * the last copy wins, runs instead.
   *
   * @return whether the records were loaded
   */
  private boolean loadedIntoEmptyStore(OffsetDateTime now, Map<String, Object> arguments) {
    boolean empty = handle.createQuery("SELECT NOT EXISTS (SELECT 1 FROM vestr_fee_records)")
        .mapTo(Boolean.class).one();
    if (!empty) {
      return false;
    }
    boolean bulk = fetched >= LARGE_LOAD;
    handle.savepoint("direct_load");
    String stamp = TIMESTAMP.format(now);
    byte[] suffix = (",\"" + stamp + "\",\"" + stamp + "\"," + runId).getBytes(StandardCharsets.US_ASCII);
    try {
      DeferredIndexes recordKeys =
          bulk ? DeferredIndexes.drop(handle, RECORD_TABLES, LOCK_WAIT) : DeferredIndexes.NONE;
      copy(COPY_RECORDS, suffix);
      recordKeys.restore();
    } catch (FeeStoreException | JdbiException e) {
      if (isUniqueViolation(e)) {
        LOG.debug("A record id repeats within the load; merging through the staging table instead");
        handle.rollbackToSavepoint("direct_load");
        return false;
      }
      throw e;
    }
    handle.release("direct_load");
    if (bulk) {
      // The table went from empty to large within this transaction: the summaries' grouping plans with this.
      handle.execute("ANALYZE vestr_fee_records");
    }
    DeferredIndexes summaryKeys =
        bulk ? DeferredIndexes.drop(handle, SUMMARY_TABLES, LOCK_WAIT) : DeferredIndexes.NONE;
    REAGGREGATE_ALL.run(handle, arguments);
    summaryKeys.restore();
    return true;
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return UNIQUE_VIOLATION.equals(sql.getSQLState());
      }
    }
    return false;
  }

  private SyncResult succeeded(OffsetDateTime now, long inserted, long updated, long unchanged, long deleted) {
    // The outcome commits together with the data it describes.
    handle.attach(SyncStatusDao.class).markSucceeded(runId, now, fetched, inserted, updated, unchanged, deleted);
    handle.commit();
    return new SyncResult(OptionalLong.of(runId), from, to, fetched, inserted, updated, unchanged, deleted, false);
  }

  /** Runs one {@code COPY … FROM STDIN} fed from the spool, each row followed by {@code suffix}. */
  private void copy(String sql, byte[] suffix) {
    if (spool == null) {
      return;
    }
    CopyIn copy = null;
    try {
      copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      spool.copyTo(copy, suffix);
      copy.endCopy();
    } catch (SQLException | IOException e) {
      if (copy != null && copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException cancel) {
          e.addSuppressed(cancel);
        }
      }
      throw new FeeStoreException("Staging the fee records failed: " + StoreEngine.rootMessage(e), e);
    }
  }

  @Override
  public void abort(Throwable cause) {
    if (state != State.OPEN) {
      return;
    }
    state = State.DONE;
    closeSpool();
    try {
      markFailed(cause);
    } finally {
      StoreEngine.closeQuietly(handle, true);
    }
  }

  @Override
  public void close() {
    if (state == State.OPEN) {
      abort(new IllegalStateException("the sync was closed without being committed"));
    }
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("this fee sync has already been committed, aborted or closed");
    }
  }

  private void closeSpool() {
    if (spool != null) {
      spool.close();
      spool = null;
    }
  }

  private void rollbackQuietly() {
    try {
      if (handle.isInTransaction()) {
        handle.rollback();
      }
    } catch (RuntimeException e) {
      LOG.debug("Rollback failed; the server rolls back when the connection closes", e);
    }
  }

  /** Records the failure in its own transaction, so it survives the rollback of the merge. */
  private void markFailed(Throwable cause) {
    if (options.dryRun()) {
      return;
    }
    String error = cause == null ? "aborted" : StoreEngine.rootMessage(cause);
    if (error.length() > MAX_ERROR_LENGTH) {
      error = error.substring(0, MAX_ERROR_LENGTH);
    }
    try {
      handle.attach(SyncStatusDao.class)
          .markFailed(runId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), fetched, error);
    } catch (RuntimeException e) {
      // The connection itself may be what failed; the next sync then marks this run abandoned.
      LOG.warn("Could not record the failure of fee sync run {}: {}", runId, StoreEngine.rootMessage(e));
    }
  }
}
