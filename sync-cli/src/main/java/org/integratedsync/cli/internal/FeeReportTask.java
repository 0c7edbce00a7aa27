package org.integratedsync.cli.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import org.integratedsync.cli.internal.report.ReportData;
import org.integratedsync.cli.internal.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After task 3, when {@code REPORT_DIR} is set: writes the fee report of the default period (13 full months
 * and the current one) as {@code fee-report-YYYYMMDD.html} into that folder. A dry run writes nothing.
 */
final class FeeReportTask implements SyncTask {
  private static final Logger LOG = LoggerFactory.getLogger(FeeReportTask.class);

  private final Database database;
  private final Path folder;

  FeeReportTask(Database database, Path folder) {
    this.database = database;
    this.folder = folder;
  }

  @Override
  public String name() {
    return TaskPlan.FEE_REPORT;
  }

  @Override
  public void run(TaskContext context) throws Exception {
    ZonedDateTime now = ZonedDateTime.now(context.clock());
    LocalDate today = now.toLocalDate();
    Path file = folder.resolve(ReportWriter.defaultFileName(today));
    if (context.dryRun()) {
      LOG.info("the fee report would be written to {}", file);
      context.message("would write " + file.getFileName());
      return;
    }
    ReportData data = ReportWriter.write(database.ready(false), ReportWriter.defaultFrom(today),
        YearMonth.from(today), now, file);
    context.count("products", data.snapshot().size());
    context.message("written to " + file);
    LOG.info("fee report written to {}", file);
  }
}
