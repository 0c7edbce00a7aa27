package org.integratedsync.cli.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Task 3: rebuilds {@code fee_latest_snapshot} from the stored fee records. */
final class FeeSnapshotTask implements SyncTask {
  private static final Logger LOG = LoggerFactory.getLogger(FeeSnapshotTask.class);

  private final Database database;

  FeeSnapshotTask(Database database) {
    this.database = database;
  }

  @Override
  public String name() {
    return TaskPlan.FEE_SNAPSHOT;
  }

  @Override
  public void run(TaskContext context) throws Exception {
    var store = database.ready(context.dryRun());
    if (context.dryRun()) {
      // the store has no preview of a rebuild; count what it would hold, read-only
      try (Connection connection = database.dataSource().getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("select count(distinct product_id) from vestr_fee_records")) {
        rows.next();
        long products = rows.getLong(1);
        context.count("products", products);
        LOG.info("the snapshot would be rebuilt with {} product(s)", products);
      }
      return;
    }
    int products = store.rebuildSnapshot();
    context.count("products", products);
    LOG.info("fee_latest_snapshot rebuilt: {} product(s)", products);
  }
}
