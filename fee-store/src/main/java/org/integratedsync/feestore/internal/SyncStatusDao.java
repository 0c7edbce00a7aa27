package org.integratedsync.feestore.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.integratedsync.feestore.SyncRun;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Rows of {@code fee_sync_status}; SQL in {@code SyncStatusDao/*.sql} next to this class. */
@UseClasspathSqlLocator
public interface SyncStatusDao {

  /** Inserts a {@code running} row and returns its id. */
  @SqlUpdate
  @GetGeneratedKeys("id")
  long insertRunning(@Bind("now") OffsetDateTime now, @Bind("from") LocalDate from, @Bind("to") LocalDate to);

  /** Marks every {@code running} row abandoned; call only while holding the sync lock. */
  @SqlUpdate
  int markAbandoned(@Bind("now") OffsetDateTime now);

  /** Marks a run succeeded with its counts. */
  @SqlUpdate
  int markSucceeded(@Bind("runId") long runId, @Bind("now") OffsetDateTime now, @Bind("fetched") long fetched,
      @Bind("inserted") long inserted, @Bind("updated") long updated, @Bind("unchanged") long unchanged,
      @Bind("deleted") long deleted);

  /** Marks a still-running run failed with the error text. */
  @SqlUpdate
  int markFailed(@Bind("runId") long runId, @Bind("now") OffsetDateTime now, @Bind("fetched") long fetched,
      @Bind("error") String error);

  /** Returns the newest runs first. */
  @SqlQuery
  @UseRowMapper(SyncRunMapper.class)
  List<SyncRun> recent(@Bind("limit") int limit);
}
