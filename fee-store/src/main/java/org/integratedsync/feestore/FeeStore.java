package org.integratedsync.feestore;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.integratedsync.feestore.internal.StoreEngine;

/**
 * The fee store on one PostgreSQL database: schema migration, window syncs, re-aggregation and the
 * latest-fee snapshot.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * FeeStore store = FeeStore.create(DatabaseUrl.toDataSource(System.getenv("DATABASE_URL")));
 * store.migrate();
 * try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
 *   for (List<FeeRecord> page : pages) {
 *     sync.addPage(page);
 *   }
 *   SyncResult result = sync.commit();
 * }
 * store.rebuildSnapshot();
 * }</pre>
 *
 * <p>After every committed sync the sums per product and currency agree across
 * {@code vestr_fee_records}, {@code vestr_fee_daily_summaries}, {@code vestr_fee_monthly_summaries} and
 * {@code vestr_fee_product_totals}. One sync runs at a time per database (a PostgreSQL advisory lock);
 * a sync whose process died is marked {@code abandoned} by the next one. The lock and the sync's temporary
 * tables belong to the database session, so a pool in front of the database must hand out whole sessions
 * (a pool in the application such as HikariCP, or PgBouncer in session mode; not transaction pooling); a
 * connection whose lock cannot be released is aborted, never returned to the pool.
 *
 * <p>A large load (100,000 records or more) and {@link #reaggregateAll()} raise the {@code
 * statement_timeout} for their own transaction ({@code SET LOCAL}) where the role's is shorter.
 *
 * <p>Thread-safe; each {@link FeeSync} it returns is for one thread. Every method throws
 * {@link FeeStoreException} (or a subclass) when the database fails.
 */
public final class FeeStore {

  private final StoreEngine engine;

  /**
   * Creates a store on a data source, taking time from {@code clock} (for the timestamp columns).
   *
   * @throws NullPointerException if an argument is null
   */
  public FeeStore(DataSource dataSource, Clock clock) {
    this.engine = new StoreEngine(dataSource, clock);
  }

  /**
   * Creates a store on a data source with the system clock.
   *
   * @throws NullPointerException if the data source is null
   */
  public static FeeStore create(DataSource dataSource) {
    return new FeeStore(dataSource, Clock.systemUTC());
  }

  /**
   * Creates or updates the schema with the Flyway migrations shipped in this jar (history in
   * {@code fee_store_schema_history}); running it again is a no-op. A database that already holds some
   * of the tables is adopted when each has the columns, types and primary key the store creates (other
   * columns are kept if nullable or defaulted): missing tables and indexes are created, existing rows
   * kept, and the summaries re-aggregated from the records once.
   *
   * @return the number of migrations applied, 0 when up to date
   * @throws IncompatibleTableException if an existing table has another shape; nothing is changed
   * @throws FeeStoreException if a migration fails
   */
  public int migrate() {
    return engine.migrate();
  }

  /**
   * Returns the schema's migration state without changing anything, for health checks.
   *
   * @throws FeeStoreException if the database cannot be read
   */
  public MigrationStatus migrationStatus() {
    return engine.migrationStatus();
  }

  /**
   * Starts a sync of the booking-date window {@code from}..{@code to} (both inclusive): takes the sync
   * lock (waiting up to a second for a session that is ending to let go of it), marks syncs that died
   * earlier as abandoned and records this one as {@code running} (a dry run writes nothing).
   *
   * @throws IllegalArgumentException if {@code from} is after {@code to}
   * @throws SchemaNotMigratedException if {@link #migrate()} has not been run
   * @throws SyncInProgressException if another sync is running on this database
   * @throws FeeStoreException if the database fails
   */
  public FeeSync beginSync(LocalDate from, LocalDate to, SyncOptions options) {
    return engine.beginSync(from, to, options);
  }

  /**
   * Rebuilds {@code fee_latest_snapshot} from the records with one set-based statement, swapped in within
   * one transaction: concurrent readers see the old rows until the new ones are committed, never an empty
   * table. Rebuilds are serialised.
   *
   * @return the number of products in the snapshot
   * @throws SchemaNotMigratedException if {@link #migrate()} has not been run
   * @throws FeeStoreException if the database fails
   */
  public int rebuildSnapshot() {
    return engine.rebuildSnapshot();
  }

  /**
   * Recomputes every daily and monthly summary and product total from the records, in one transaction,
   * holding the sync lock.
   *
   * @throws SyncInProgressException if a sync is running
   * @throws SchemaNotMigratedException if {@link #migrate()} has not been run
   * @throws FeeStoreException if the database fails
   */
  public void reaggregateAll() {
    engine.reaggregateAll();
  }

  /**
   * Runs {@code reading} with the store's read queries on one consistent snapshot: a read-only,
   * repeatable-read transaction that takes no lock, so a sync committing meanwhile is either wholly seen
   * or not at all. The {@link FeeReads} is valid only until {@code reading} returns.
   *
   * <pre>{@code
   * List<MonthlyTotal> months = store.read(reads -> reads.monthlyTotals(YearMonth.of(2025, 1), YearMonth.of(2025, 12)));
   * }</pre>
   *
   * @return what {@code reading} returned
   * @throws NullPointerException if {@code reading} is null
   * @throws SchemaNotMigratedException if {@link #migrate()} has not been run
   * @throws FeeStoreException if the database fails
   */
  public <T> T read(Function<FeeReads, T> reading) {
    return engine.read(reading);
  }

  /**
   * Returns the newest rows of {@code fee_sync_status}, newest first.
   *
   * @param limit how many at most
   * @throws IllegalArgumentException if {@code limit} is not positive
   * @throws FeeStoreException if the database fails
   */
  public List<SyncRun> recentSyncs(int limit) {
    return engine.recentSyncs(limit);
  }
}
