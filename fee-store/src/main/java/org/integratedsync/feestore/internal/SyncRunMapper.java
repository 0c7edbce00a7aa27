package org.integratedsync.feestore.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.integratedsync.feestore.SyncRun;
import org.integratedsync.feestore.SyncStatus;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code fee_sync_status} row. */
public final class SyncRunMapper implements RowMapper<SyncRun> {

  @Override
  public SyncRun map(ResultSet rs, StatementContext ctx) throws SQLException {
    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
    return new SyncRun(
        rs.getLong("id"),
        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
        Optional.ofNullable(finished).map(OffsetDateTime::toInstant),
        SyncStatus.fromColumnValue(rs.getString("status")),
        rs.getObject("window_from", LocalDate.class),
        rs.getObject("window_to", LocalDate.class),
        rs.getLong("fetched"),
        rs.getLong("inserted"),
        rs.getLong("updated"),
        rs.getLong("unchanged"),
        rs.getLong("deleted"),
        Optional.ofNullable(rs.getString("error")));
  }
}
