package org.integratedsync.feestore.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync in progress: pages are copied into the session's temporary staging table and merged on
 * commit. Holds its connection and the sync lock until it ends. Not thread-safe.
 */
final class SyncSession implements FeeSync {

  private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);
  private static final SqlScript DEDUPE = SqlScript.load("dedupe");
  private static final SqlScript DIFF = SqlScript.load("diff");
  private static final SqlScript APPLY = SqlScript.load("apply");
  private static final SqlScript REAGGREGATE_TOUCHED = SqlScript.load("reaggregate_touched");
  private static final String COPY = "COPY fee_staging (id, booking_date, value_date, amount, currency, fee_type, "
      + "source_fee_type, product_id, product_isin, product_name, outstanding_quantity) FROM STDIN WITH (FORMAT csv)";
  private static final int MAX_ERROR_LENGTH = 4000;
  /**
   * Analyzing fee_incoming costs about 0.2 s at 30,000 rows, a fifth of a daily re-sync, whose diff probes
   * the primary key whatever the statistics say; only the hash joins of a big load gain from it.
   */
  private static final long ANALYZE_THRESHOLD = 100_000;

  private enum State { OPEN, DONE }

  private final Handle handle;
  private final Clock clock;
  private final LocalDate from;
  private final LocalDate to;
  private final SyncOptions options;
  private final long runId;
  private State state = State.OPEN;
  private long fetched;
  private CopyIn copy;

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
    StringBuilder csv = new StringBuilder(records.size() * 160);
    for (FeeRecord record : Objects.requireNonNull(records, "records")) {
      Objects.requireNonNull(record, "record");
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
      field(csv, record.outstandingQuantity()).append('\n');
    }
    try {
      if (copy == null) {
        // One COPY stays open across pages: rows stream to the server as they come, with no per-page start-up.
        copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
      }
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      fetched += records.size();
    } catch (SQLException e) {
      throw new FeeStoreException("Staging a page of " + records.size() + " fee records failed: "
          + StoreEngine.rootMessage(e), e);
    }
  }

  /** Ends the open COPY, so the connection can run statements again. */
  private void finishCopy() {
    if (copy != null && copy.isActive()) {
      try {
        copy.endCopy();
      } catch (SQLException e) {
        throw new FeeStoreException("Staging the fee records failed: " + StoreEngine.rootMessage(e), e);
      }
    }
    copy = null;
  }

  private void cancelCopy() {
    if (copy != null && copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        LOG.debug("Cancelling the staging COPY failed", e);
      }
    }
    copy = null;
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
      cancelCopy();
      rollbackQuietly();
      markFailed(e);
      throw StoreEngine.wrap("Fee sync " + from + " to " + to + " (the store is unchanged)", e);
    } finally {
      StoreEngine.closeQuietly(handle, true);
    }
  }

  private SyncResult merge() {
    finishCopy();
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("from", from);
    arguments.put("to", to);
    arguments.put("runId", options.dryRun() ? null : runId);
    arguments.put("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    if (fetched == 0 && !options.allowEmptyWindow()) {
      long stored = handle.createQuery("SELECT count(*) FROM vestr_fee_records WHERE booking_date BETWEEN :from AND :to")
          .bind("from", from).bind("to", to).mapTo(Long.class).one();
      if (stored > 0) {
        throw new EmptyWindowException(from, to, stored);
      }
    }
    handle.begin();
    // The merge's statements are short index-driven ones; JIT compilation would cost more than it saves.
    handle.execute("SET LOCAL jit = off");
    DEDUPE.run(handle, arguments);
    if (fetched >= ANALYZE_THRESHOLD) {
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
    // The outcome commits together with the data it describes.
    handle.attach(SyncStatusDao.class).markSucceeded(runId, (OffsetDateTime) arguments.get("now"), fetched,
        inserted, updated, unchanged, deleted);
    handle.commit();
    return new SyncResult(OptionalLong.of(runId), from, to, fetched, inserted, updated, unchanged, deleted, false);
  }

  @Override
  public void abort(Throwable cause) {
    if (state != State.OPEN) {
      return;
    }
    state = State.DONE;
    cancelCopy();
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
