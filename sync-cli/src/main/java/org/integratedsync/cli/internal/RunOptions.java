package org.integratedsync.cli.internal;

import java.nio.file.Path;

/**
 * The options of a run as given on the command line; null means "not given" so that the
 * environment and the properties file can supply the value.
 *
 * @param skipCredinvest skip task 1
 * @param skipVestrFees skip task 2
 * @param skipFeeSnapshots skip task 3
 * @param deleteAfterUpload delete local files once their upload is verified
 * @param downloadDir download folder, or null
 * @param sourceDir local source folder instead of SFTP, or null
 * @param targetDir local target folder instead of Dropbox, or null
 * @param dryRun decide and report only
 * @param full full fee history
 * @param feeDays fee window length in days, or null
 * @param config properties file, or null
 * @param logFile log file, or null
 * @param verbose DEBUG on the console
 * @param allowEmptyWindow apply a fee window the source returned empty although the store holds
 *     records there
 */
public record RunOptions(
    boolean skipCredinvest,
    boolean skipVestrFees,
    boolean skipFeeSnapshots,
    boolean deleteAfterUpload,
    Path downloadDir,
    Path sourceDir,
    Path targetDir,
    boolean dryRun,
    boolean full,
    Integer feeDays,
    Path config,
    Path logFile,
    boolean verbose,
    boolean allowEmptyWindow) {

  /** Returns the options as settings, for the option layer of {@link Settings}. */
  public java.util.Map<String, String> asSettings() {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    map.put(Settings.DOWNLOAD_DIR, downloadDir == null ? null : downloadDir.toString());
    map.put(Settings.SOURCE_DIR, sourceDir == null ? null : sourceDir.toString());
    map.put(Settings.TARGET_DIR, targetDir == null ? null : targetDir.toString());
    map.put(Settings.FEE_DAYS, feeDays == null ? null : feeDays.toString());
    map.put(Settings.LOG_FILE, logFile == null ? null : logFile.toString());
    return map;
  }
}
