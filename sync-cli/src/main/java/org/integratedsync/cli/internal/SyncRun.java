package org.integratedsync.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.integratedsync.cli.CliEnvironment;
import org.integratedsync.cli.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * One run of the daily job: resolves and checks the configuration of every task that is not
 * skipped, takes the run lock, sets up logging, runs the tasks in order and writes the summary.
 *
 * <p>Nothing is touched before every needed setting is known to be present and well-formed. A
 * failed task does not stop the next one. Not thread-safe; one instance per run.
 */
public final class SyncRun {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);

  /** Marks summary lines, which the console gets printed plainly instead of as log lines. */
  static final Marker SUMMARY = MarkerFactory.getMarker("SUMMARY");

  /** Name of the run summary file, written next to the log file (by default in {@code logs}). */
  public static final String LAST_RUN_FILE = "last-run.json";

  private final CliEnvironment environment;
  private final RunOptions options;
  private final PrintWriter out;
  private final PrintWriter err;

  /** Creates a run. */
  public SyncRun(CliEnvironment environment, RunOptions options, PrintWriter out, PrintWriter err) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  /**
   * Runs the job and returns the exit code.
   *
   * @throws ConfigurationException if a needed setting is missing or malformed (nothing touched)
   * @throws AlreadyRunningException if another run holds the lock (nothing touched)
   */
  public int execute() {
    Clock clock = environment.clock();
    Instant startedAt = clock.instant();
    Path workingDirectory = environment.workingDirectory();
    Settings settings =
        Settings.load(
            options.asSettings(), environment.environment(), options.config(), workingDirectory);
    SecretMasker masker = new SecretMasker(settings.secretValues());
    TaskPlan plan = TaskPlan.create(settings, options, environment, masker);

    try (RunLock lock = RunLock.acquire(RunLock.defaultFile(workingDirectory), startedAt);
        LogSetup logging =
            LogSetup.configure(
                out,
                options.verbose(),
                logFile(settings, clock),
                System.getProperty(LogSetup.MAX_FILE_SIZE_PROPERTY, LogSetup.DEFAULT_MAX_FILE_SIZE),
                masker);
        plan) {
      Path logFile = logFile(settings, clock);
      LOG.info(
          "integrated-sync {} started{}",
          versionString(),
          options.dryRun() ? " (dry run: nothing will be changed)" : "");
      LOG.debug("working directory {}, log file {}", workingDirectory, logFile);
      settings.propertiesFile().ifPresent(f -> LOG.debug("settings file {}", f));

      List<TaskResult> results = new ArrayList<>();
      Progress progress = Progress.on(out, environment.interactive());
      for (TaskPlan.Step step : plan.steps()) {
        results.add(runStep(step, results, clock, progress, masker));
      }

      Instant finishedAt = clock.instant();
      int exitCode = RunReport.exitCodeOf(results);
      RunReport report = new RunReport(startedAt, finishedAt, exitCode, options.dryRun(), results);
      for (String line : report.lines()) {
        LOG.info(SUMMARY, line);
      }
      Path summaryFile = logFile.toAbsolutePath().getParent().resolve(LAST_RUN_FILE);
      int result = exitCode;
      try {
        report.write(summaryFile, masker);
        LOG.debug("run summary written to {}; exit code {}", summaryFile, exitCode);
      } catch (IOException e) {
        LOG.error("cannot write the run summary {}: {}", summaryFile, e.getMessage());
        LOG.debug("cannot write the run summary", e);
        result = ExitCode.FAILED;
      }
      // printed last, so the console ends with the summary and the failed accounts
      for (String line : report.lines()) {
        out.println(masker.mask(line));
      }
      out.flush();
      return result;
    }
  }

  private TaskResult runStep(
      TaskPlan.Step step,
      List<TaskResult> before,
      Clock clock,
      Progress progress,
      SecretMasker masker) {
    if (step.task() == null) {
      LOG.info("[SKIP] {}: {}", step.name(), step.skipReason());
      return TaskResult.skipped(step.name(), step.skipReason());
    }
    SyncTask task = step.task();
    TaskContext context = new TaskContext(clock, options.dryRun(), progress, masker);
    if (step.name().equals(TaskPlan.FEE_SNAPSHOT)) {
      before.stream()
          .filter(
              r -> r.name().equals(TaskPlan.VESTR_FEES) && r.outcome() == TaskResult.Outcome.FAILED)
          .findFirst()
          .ifPresent(
              r -> {
                LOG.warn("vestr-fees failed; the snapshot is rebuilt from the fees already stored");
                context.message("built from the fees already stored (vestr-fees failed)");
              });
    }
    LOG.info("[ .. ] {}: starting", task.name());
    long start = clock.millis();
    TaskResult.Outcome outcome;
    String message;
    try {
      task.run(context);
      outcome =
          context.failedAccounts().isEmpty()
              ? TaskResult.Outcome.SUCCEEDED
              : TaskResult.Outcome.FAILED;
      message = context.message();
    } catch (Exception e) {
      outcome = TaskResult.Outcome.FAILED;
      message = CommandSupport.oneLine(e);
      if (!context.message().isBlank()) {
        message = message + "; " + context.message();
      }
      LOG.error("[FAIL] {}: {}", task.name(), message);
      LOG.debug("{} failed", task.name(), e);
    } finally {
      progress.finish();
    }
    long duration = Math.max(0, clock.millis() - start);
    if (outcome == TaskResult.Outcome.SUCCEEDED) {
      LOG.info("[ OK ] {}: done{}", task.name(), message.isBlank() ? "" : " - " + message);
    } else if (!context.failedAccounts().isEmpty()) {
      LOG.error("[FAIL] {}: {} file(s) failed", task.name(), context.failedAccounts().size());
    }
    return new TaskResult(
        task.name(), outcome, duration, context.counts(), context.failedAccounts(), masker.mask(message));
  }

  private Path logFile(Settings settings, Clock clock) {
    return settings
        .path(Settings.LOG_FILE)
        .orElseGet(
            () ->
                LogSetup.defaultLogFile(
                    environment.workingDirectory(), LocalDate.ofInstant(clock.instant(), clock.getZone())));
  }

  static String versionString() {
    String version = SyncRun.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
