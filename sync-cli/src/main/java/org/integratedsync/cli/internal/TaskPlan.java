package org.integratedsync.cli.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.integratedsync.cli.CliEnvironment;

/**
 * The tasks of one run, configured and checked before anything is touched: a step per task, each
 * either ready to run or skipped with a reason. Closing the plan releases what the tasks share.
 */
public final class TaskPlan implements AutoCloseable {
  /** Name of task 1. */
  public static final String CREDINVEST = "credinvest";
  /** Name of task 2. */
  public static final String VESTR_FEES = "vestr-fees";
  /** Name of task 3. */
  public static final String FEE_SNAPSHOT = "fee-snapshot";
  /** Name of the fee report written after task 3 when {@code REPORT_DIR} is set. */
  public static final String FEE_REPORT = "fee-report";

  /**
   * One step: a task ready to run, or a skipped one.
   *
   * @param name the task name
   * @param task the task, or null when skipped
   * @param skipReason why it is skipped, or null
   */
  public record Step(String name, SyncTask task, String skipReason) {}

  private final List<Step> steps;
  private final List<AutoCloseable> resources;

  private TaskPlan(List<Step> steps, List<AutoCloseable> resources) {
    this.steps = List.copyOf(steps);
    this.resources = resources;
  }

  /**
   * Configures every task that is not skipped.
   *
   * @throws ConfigurationException if a setting a task needs is missing or malformed
   */
  public static TaskPlan create(
      Settings settings, RunOptions options, CliEnvironment environment, SecretMasker masker) {
    List<Step> steps = new ArrayList<>();
    List<AutoCloseable> resources = new ArrayList<>();
    if (options.skipCredinvest()) {
      steps.add(new Step(CREDINVEST, null, "--skip-credinvest"));
    } else {
      steps.add(new Step(CREDINVEST, CredinvestTask.create(settings, options, masker), null));
    }
    Database database = null;
    if (!options.skipVestrFees() || !options.skipFeeSnapshots()) {
      String neededBy =
          options.skipVestrFees()
              ? "the fee-snapshot task"
              : options.skipFeeSnapshots() ? "the vestr-fees task" : "the vestr-fees and fee-snapshot tasks";
      database = Database.from(settings, neededBy, environment.clock());
    }
    if (options.skipVestrFees()) {
      steps.add(new Step(VESTR_FEES, null, "--skip-vestr-fees"));
    } else {
      LocalDate today = LocalDate.now(environment.clock());
      steps.add(new Step(VESTR_FEES, VestrFeesTask.create(settings, options, database, today), null));
    }
    if (options.skipFeeSnapshots()) {
      steps.add(new Step(FEE_SNAPSHOT, null, "--skip-fee-snapshots"));
    } else {
      steps.add(new Step(FEE_SNAPSHOT, new FeeSnapshotTask(database), null));
      // the report follows the snapshot it shows; no step at all unless REPORT_DIR is set
      Optional<Path> reportDir = settings.path(Settings.REPORT_DIR);
      if (reportDir.isPresent()) {
        steps.add(new Step(FEE_REPORT, new FeeReportTask(database, reportDir.get()), null));
      }
    }
    return new TaskPlan(steps, resources);
  }

  /** Returns the steps in the order they run. */
  public List<Step> steps() {
    return steps;
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // closing shared resources at the end of a run must not hide the run's outcome
      }
    }
  }
}
