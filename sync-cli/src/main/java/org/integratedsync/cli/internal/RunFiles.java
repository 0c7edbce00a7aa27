package org.integratedsync.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.integratedsync.feestore.DatabaseUrl;
import org.integratedsync.feestore.InvalidDatabaseUrlException;

/**
 * The local files a run writes — log file, run lock, run summary, download folder — and the checks
 * made on them before anything is touched: none may be a symbolic link (nothing is ever written
 * through one), each must lie in a folder that exists or can be created and can be written. A
 * problem is a {@link ConfigurationException} (exit 2) naming the option or setting.
 *
 * <p>Also checks the parts of {@code DATABASE_URL} the driver would only reject at connection time.
 */
final class RunFiles {
  /** Name of the run summary file, written next to the log file (by default in {@code logs}). */
  static final String LAST_RUN_FILE = "last-run.json";

  /** Name of a dry run's summary file, so a dry run never hides the scheduled run's result. */
  static final String LAST_DRY_RUN_FILE = "last-dry-run.json";

  /** The {@code sslmode} values the PostgreSQL driver knows. */
  static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private final Path logFile;
  private final Path lockFile;
  private final Path summaryFile;

  private RunFiles(Path logFile, Path lockFile, Path summaryFile) {
    this.logFile = logFile;
    this.lockFile = lockFile;
    this.summaryFile = summaryFile;
  }

  /** Returns the log file: {@code --log-file} or {@code logs/integrated_sync_YYYYMMDD.log}. */
  static Path logFile(Settings settings, Path workingDirectory, Clock clock) {
    return settings
        .path(Settings.LOG_FILE)
        .orElseGet(
            () ->
                LogSetup.defaultLogFile(
                    workingDirectory, LocalDate.ofInstant(clock.instant(), clock.getZone())));
  }

  /** Returns the summary file in {@code folder} for a run or a dry run. */
  static Path summaryFile(Path folder, boolean dryRun) {
    return folder.resolve(dryRun ? LAST_DRY_RUN_FILE : LAST_RUN_FILE);
  }

  /**
   * Checks the local files of a run and, for the tasks that run, the download folder and the
   * database URL's parameters.
   *
   * @throws ConfigurationException naming the option or setting at fault
   */
  static RunFiles check(Settings settings, RunOptions options, Path workingDirectory, Clock clock) {
    Path logFile = logFile(settings, workingDirectory, clock).toAbsolutePath();
    String logName = settings.has(Settings.LOG_FILE) ? settings.label(Settings.LOG_FILE) : "the log file";
    String logSetting = settings.has(Settings.LOG_FILE) ? settings.label(Settings.LOG_FILE) : Settings.LOG_FILE;
    if (Files.isSymbolicLink(logFile)) {
      throw new ConfigurationException(
          logSetting,
          logName + " " + logFile + " is a symbolic link; the log is never written through one (remove the link)");
    }
    if (Files.isDirectory(logFile)) {
      throw new ConfigurationException(
          logSetting, logName + " " + logFile + " is a folder; give the path of a file (see --help)");
    }
    if (Files.exists(logFile) && !Files.isWritable(logFile)) {
      throw new ConfigurationException(
          logSetting, logName + " cannot be written: " + notWritable(logFile) + ": " + logFile);
    }
    requireCreatableFolder(logFile.getParent(), logSetting, logName + " " + logFile);

    Path lockFile = RunLock.defaultFile(workingDirectory).toAbsolutePath();
    if (Files.isSymbolicLink(lockFile)) {
      throw new ConfigurationException(
          "run lock",
          "the run lock " + lockFile + " is a symbolic link; the lock is never written through one (remove the link)");
    }
    if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)
        && (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(lockFile))) {
      throw new ConfigurationException(
          "run lock", "cannot take the run lock: " + notWritable(lockFile) + ": " + lockFile);
    }
    requireCreatableFolder(lockFile.getParent(), "run lock", "the run lock " + lockFile);

    if (!options.skipCredinvest()) {
      Path downloadDir = settings.path(Settings.DOWNLOAD_DIR).orElseThrow().toAbsolutePath();
      String label = settings.label(Settings.DOWNLOAD_DIR);
      if (Files.exists(downloadDir) && !Files.isDirectory(downloadDir)) {
        throw new ConfigurationException(label, label + " is not a folder: " + downloadDir);
      }
      requireCreatableFolder(downloadDir, label, label + " " + downloadDir);
    }
    if (!options.skipVestrFees() || !options.skipFeeSnapshots()) {
      checkDatabaseUrl(settings);
    }
    return new RunFiles(logFile, lockFile, summaryFile(logFile.getParent(), options.dryRun()));
  }

  /**
   * Checks that {@code folder} is a folder that can be written, or can be created: its nearest
   * existing ancestor is a writable folder.
   */
  private static void requireCreatableFolder(Path folder, String setting, String what) {
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new ConfigurationException(setting, what + " cannot be created: no such folder");
    }
    if (!Files.isDirectory(existing)) {
      throw new ConfigurationException(
          setting, what + " cannot be created: " + existing + " is a file, not a folder");
    }
    if (!Files.isWritable(existing)) {
      throw new ConfigurationException(
          setting, what + " cannot be " + (existing.equals(folder) ? "written" : "created") + ": "
              + notWritable(existing) + ": " + existing);
    }
  }

  /** Says why a path is not writable: who owns it, if that can be read. */
  static String notWritable(Path path) {
    String owner;
    try {
      owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "not writable by this account";
    }
    String me = System.getProperty("user.name", "");
    return owner.equals(me) ? "not writable (permission denied)" : "owned by " + owner + ", not writable by this account";
  }

  /**
   * Checks what the driver would only reject when connecting: the {@code sslmode} value.
   *
   * @throws ConfigurationException if it is not one the driver knows
   */
  static void checkDatabaseUrl(Settings settings) {
    Optional<String> value = settings.get(Settings.DATABASE_URL);
    if (value.isEmpty()) {
      return; // the tasks' own check names it as missing
    }
    DatabaseUrl url;
    try {
      url = DatabaseUrl.parse(value.get());
    } catch (InvalidDatabaseUrlException e) {
      return; // the tasks' own check reports it
    }
    String sslmode = url.parameters().get("sslmode");
    if (sslmode != null && !SSL_MODES.contains(sslmode.toLowerCase(Locale.ROOT))) {
      throw new ConfigurationException(
          Settings.DATABASE_URL,
          "malformed setting DATABASE_URL: sslmode=" + sslmode
              + " is not one of disable, allow, prefer, require, verify-ca, verify-full");
    }
  }

  /** Returns the log file (absolute). */
  Path logFile() {
    return logFile;
  }

  /** Returns the run lock file (absolute). */
  Path lockFile() {
    return lockFile;
  }

  /** Returns {@code last-run.json} or, in a dry run, {@code last-dry-run.json}, next to the log. */
  Path summaryFile() {
    return summaryFile;
  }
}
