package org.integratedsync.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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

  /**
   * Marks a task's result line, which goes to the log file only: the console shows each result
   * once, in the summary at the end.
   */
  static final Marker RESULT = MarkerFactory.getMarker("RESULT");

  /** Name of the run summary file, written next to the log file (by default in {@code logs}). */
  public static final String LAST_RUN_FILE = RunFiles.LAST_RUN_FILE;

  /** Name of a dry run's summary file, so a dry run never hides the scheduled run's result. */
  public static final String LAST_DRY_RUN_FILE = RunFiles.LAST_DRY_RUN_FILE;

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
   * @throws ConfigurationException if a needed setting is missing or malformed, or a local file of
   *     the run cannot be used (nothing touched but the summary, see {@link #recordError})
   * @throws AlreadyRunningException if another run holds the lock (nothing touched)
   */
  public int execute() {
    Clock clock = environment.clock();
    Instant startedAt = clock.instant();
    Path workingDirectory = environment.workingDirectory();
    Settings settings = null;
    SecretMasker masker = new SecretMasker();
    RunFiles files;
    TaskPlan plan;
    try {
      settings =
          Settings.load(
              options.asSettings(), environment.environment(), options.config(), workingDirectory);
      masker = new SecretMasker(settings.secretValues());
      files = RunFiles.check(settings, options, workingDirectory, clock);
      plan = TaskPlan.create(settings, options, environment, masker);
    } catch (ConfigurationException e) {
      ConfigurationException reported = withWarnings(e, settings);
      boolean logFileAtFault = e.setting().equals(Settings.LOG_FILE) || e.setting().equals("--log-file");
      recordError(
          environment, logFileAtFault ? null : settings, options.dryRun(), startedAt, reported.getMessage(), masker);
      throw reported;
    }

    try {
      return run(settings, masker, files, plan, startedAt);
    } catch (ConfigurationException e) {
      // the lock or the log file turned out unusable after all (a race, or a file system that
      // refuses what its permissions allow)
      recordError(environment, null, options.dryRun(), startedAt, e.getMessage(), masker);
      throw e;
    }
  }

  private int run(Settings settings, SecretMasker masker, RunFiles files, TaskPlan plan, Instant startedAt) {
    Clock clock = environment.clock();
    Path workingDirectory = environment.workingDirectory();
    try (RunLock lock = RunLock.acquire(files.lockFile(), startedAt);
        LogSetup logging =
            LogSetup.configure(
                out,
                options.verbose(),
                files.logFile(),
                System.getProperty(LogSetup.MAX_FILE_SIZE_PROPERTY, LogSetup.DEFAULT_MAX_FILE_SIZE),
                masker);
        plan) {
      Path logFile = files.logFile();
      LOG.info(
          "integrated-sync {} started{}",
          versionString(),
          options.dryRun() ? " (dry run: nothing will be changed)" : "");
      LOG.debug("working directory {}, log file {}", workingDirectory, logFile);
      settings.propertiesFile().ifPresent(f -> LOG.debug("settings file {}", f));
      settings.warnings().forEach(LOG::warn);

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
      Path summaryFile = files.summaryFile();
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

  /**
   * Adds the warnings about unknown setting names to a configuration error's line: a misspelt name
   * is often the cause (a misspelt INTEGRATED_SYNC_TARGET_DIR makes the run ask for Dropbox).
   */
  private static ConfigurationException withWarnings(ConfigurationException e, Settings settings) {
    if (settings == null || settings.warnings().isEmpty()) {
      return e;
    }
    ConfigurationException withHint =
        new ConfigurationException(e.setting(), e.getMessage() + " [note: " + String.join("; ", settings.warnings()) + "]");
    withHint.initCause(e);
    return withHint;
  }

  /**
   * Writes {@code last-run.json} (or {@code last-dry-run.json}) with outcome {@code
   * configuration-error} and the error's line, so a scheduler that drops standard error still shows
   * why the run did nothing. Written next to the configured log file when that folder exists, else
   * in {@code logs} of the working directory (created if the working directory can be written);
   * nothing else is created, and a failure to write it is not reported (the error line is).
   *
   * @param settings the settings if they could be read and name a usable log folder, or null for
   *     the default {@code logs} folder
   */
  public static void recordError(
      CliEnvironment environment, Settings settings, boolean dryRun, Instant startedAt, String line, SecretMasker masker) {
    Path folder = environment.workingDirectory().resolve("logs");
    try {
      if (settings != null && settings.has(Settings.LOG_FILE)) {
        Path parent = settings.path(Settings.LOG_FILE).orElseThrow().toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
          folder = parent;
        }
      }
    } catch (ConfigurationException e) {
      // the log setting itself is broken: the default folder it is
    }
    boolean writable =
        Files.isDirectory(folder)
            ? Files.isWritable(folder)
            : !Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(folder.getParent())
                && Files.isWritable(folder.getParent());
    if (!writable) {
      return;
    }
    try {
      Instant finishedAt = environment.clock().instant();
      RunReport.configurationError(startedAt, finishedAt, dryRun, line)
          .write(RunFiles.summaryFile(folder, dryRun), masker);
    } catch (IOException | RuntimeException e) {
      // best effort: the one line on standard error is the primary report
    }
  }

  private TaskResult runStep(
      TaskPlan.Step step,
      List<TaskResult> before,
      Clock clock,
      Progress progress,
      SecretMasker masker) {
    if (step.task() == null) {
      LOG.info(RESULT, "[SKIP] {}: {}", step.name(), step.skipReason());
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
      LOG.error(RESULT, "[FAIL] {}: {}", task.name(), message);
      LOG.debug("{} failed", task.name(), e);
    } finally {
      progress.finish();
    }
    long duration = Math.max(0, clock.millis() - start);
    if (outcome == TaskResult.Outcome.SUCCEEDED) {
      LOG.info(RESULT, "[ OK ] {}: done{}", task.name(), message.isBlank() ? "" : " - " + message);
    } else if (!context.failedAccounts().isEmpty()) {
      LOG.error(RESULT, "[FAIL] {}: {} file(s) failed", task.name(), context.failedAccounts().size());
    }
    return new TaskResult(
        task.name(),
        outcome,
        duration,
        context.counts(),
        context.failedAccounts(),
        masker.mask(message),
        context.window());
  }

  static String versionString() {
    String version = SyncRun.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
