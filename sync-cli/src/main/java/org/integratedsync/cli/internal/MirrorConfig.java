package org.integratedsync.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.integratedsync.dropbox.CredentialsFileException;
import org.integratedsync.dropbox.DropboxCredentials;
import org.integratedsync.dropbox.DropboxFolderTarget;
import org.integratedsync.dropbox.LocalFolderTarget;
import org.integratedsync.dropbox.MirrorTarget;
import org.integratedsync.dropbox.RetrySettings;

/**
 * Where the selection is mirrored: the Dropbox folder, or a local folder with {@code
 * --target-dir}; checked from the settings before anything runs.
 */
final class MirrorConfig {
  /** Extra settings (not in the original tool) that tune the Dropbox retries. */
  static final String DROPBOX_RETRY_PASSES = "DROPBOX_RETRY_PASSES";
  static final String DROPBOX_CALL_ATTEMPTS = "DROPBOX_CALL_ATTEMPTS";
  static final String DROPBOX_BACKOFF_MILLIS = "DROPBOX_BACKOFF_MILLIS";

  private final Path targetDir;
  private final DropboxCredentials credentials;
  private final String folder;
  private final String baseUrl;
  private final RetrySettings retry;

  private MirrorConfig(
      Path targetDir, DropboxCredentials credentials, String folder, String baseUrl, RetrySettings retry) {
    this.targetDir = targetDir;
    this.credentials = credentials;
    this.folder = folder;
    this.baseUrl = baseUrl;
    this.retry = retry;
  }

  /**
   * Reads and checks the target settings; adds the secrets of a credentials file to the masker.
   *
   * @throws ConfigurationException if one is missing or malformed
   */
  static MirrorConfig from(Settings settings, String neededFor, SecretMasker masker) {
    Optional<Path> targetDir = settings.path(Settings.TARGET_DIR);
    if (targetDir.isPresent()) {
      if (Files.exists(targetDir.get()) && !Files.isDirectory(targetDir.get())) {
        throw new ConfigurationException(
            Settings.TARGET_DIR, "--target-dir is not a folder: " + targetDir.get());
      }
      return new MirrorConfig(targetDir.get(), null, null, null, null);
    }
    String why = neededFor + " (or use --target-dir)";
    DropboxCredentials credentials = credentials(settings, why, masker);
    String folder = settings.get(Settings.DROPBOX_FOLDER).orElse("/cred");
    try {
      // the library's one rule for the folder, checked as it is set; makes no request
      DropboxFolderTarget.builder(credentials).folder(folder);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(Settings.DROPBOX_FOLDER, "malformed setting DROPBOX_FOLDER: " + e.getMessage());
    }
    String baseUrl = settings.url(Settings.DROPBOX_BASE_URL).map(Object::toString).orElse(null);
    RetrySettings.Builder retry = RetrySettings.builder();
    settings.integer(DROPBOX_RETRY_PASSES, 0, 100).ifPresent(retry::retryPasses);
    settings.integer(DROPBOX_CALL_ATTEMPTS, 1, 100).ifPresent(retry::attemptsPerCall);
    settings
        .integer(DROPBOX_BACKOFF_MILLIS, 0, 3_600_000)
        .ifPresent(ms -> retry.backoff(Duration.ofMillis(ms), Duration.ofMillis(Math.max(ms, 1) * 32L)));
    uploadDeadline(settings).ifPresent(retry::uploadDeadline);
    return new MirrorConfig(null, credentials, folder, baseUrl, retry.build());
  }

  /**
   * Reads {@code DROPBOX_UPLOAD_DEADLINE}: an ISO-8601 duration ({@code PT15M}) or a number with a
   * unit, {@code 90s}, {@code 15m}, {@code 1h}; from 1 second to 24 hours.
   *
   * @throws ConfigurationException if it is malformed or out of range
   */
  static Optional<Duration> uploadDeadline(Settings settings) {
    Optional<Settings.Value> value = settings.value(Settings.DROPBOX_UPLOAD_DEADLINE);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().value().strip();
    Duration duration = null;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      java.util.regex.Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        duration = switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
    }
    if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofHours(24)) > 0) {
      throw Settings.malformed(Settings.DROPBOX_UPLOAD_DEADLINE,
          "a duration from 1 second to 24 hours such as 15m, 90s, 1h or PT15M", value.get());
    }
    return Optional.of(duration);
  }

  private static final java.util.regex.Pattern SHORT_DURATION = java.util.regex.Pattern.compile("(\\d{1,6})\\s*([smh])");

  /**
   * Refuses a local target folder that would put other files at risk: one that is, contains or lies
   * inside the source folder or the download folder, or is the working directory or one of its
   * ancestors. Paths are compared as real paths (links resolved), also for folders not created yet.
   *
   * @param settings for the option names in the message
   * @param sourceDir the local source folder, or null for SFTP
   * @param downloadDir the download folder
   * @throws ConfigurationException if the target overlaps one of them
   */
  void checkLocalTargetIsSeparate(Settings settings, Path sourceDir, Path downloadDir) {
    if (targetDir == null) {
      return;
    }
    String option = "--target-dir";
    Path target = realPath(targetDir);
    Path work = realPath(settings.workingDirectory());
    if (work.startsWith(target)) {
      throw new ConfigurationException(Settings.TARGET_DIR, option + " " + targetDir + " is "
          + (work.equals(target) ? "the working directory" : "an ancestor of the working directory " + work)
          + "; the mirror would delete files there: choose a folder of its own");
    }
    refuseOverlap(option, target, sourceDir, "--source-dir", "source folder");
    refuseOverlap(option, target, downloadDir, "--download-dir", "download folder");
  }

  private void refuseOverlap(String option, Path target, Path other, String otherOption, String what) {
    if (other == null) {
      return;
    }
    Path real = realPath(other);
    String relation = real.equals(target) ? "is the " + what
        : real.startsWith(target) ? "contains the " + what
        : target.startsWith(real) ? "lies inside the " + what
        : null;
    if (relation != null) {
      throw new ConfigurationException(Settings.TARGET_DIR, option + " " + targetDir + " " + relation + " ("
          + otherOption + " " + other + "); the mirror would delete files there: choose a separate folder");
    }
  }

  /** The real path of a folder that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
  static Path realPath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }

  private static DropboxCredentials credentials(Settings settings, String why, SecretMasker masker) {
    Optional<String> key = settings.get(Settings.DROPBOX_APP_KEY);
    Optional<String> secret = settings.get(Settings.DROPBOX_APP_SECRET);
    Optional<String> token = settings.get(Settings.DROPBOX_REFRESH_TOKEN);
    if (key.isPresent() && secret.isPresent() && token.isPresent()) {
      return new DropboxCredentials(key.get(), secret.get(), token.get());
    }
    Path file = settings.path(Settings.DROPBOX_CREDENTIALS_FILE).orElseThrow();
    if (!Files.exists(file)) {
      String first =
          key.isEmpty()
              ? Settings.DROPBOX_APP_KEY
              : secret.isEmpty() ? Settings.DROPBOX_APP_SECRET : Settings.DROPBOX_REFRESH_TOKEN;
      throw new ConfigurationException(
          first,
          "missing setting "
              + first
              + ", needed by "
              + why
              + ": set DROPBOX_APP_KEY, DROPBOX_APP_SECRET and DROPBOX_REFRESH_TOKEN, or provide "
              + file
              + " (DROPBOX_CREDENTIALS_FILE)");
    }
    DropboxCredentials fromFile;
    try {
      fromFile = DropboxCredentials.fromJsonFile(file);
    } catch (CredentialsFileException e) {
      throw new ConfigurationException(Settings.DROPBOX_CREDENTIALS_FILE, e.getMessage());
    }
    List<String> secrets = new ArrayList<>();
    secrets.add(fromFile.appSecret());
    secrets.add(fromFile.refreshToken());
    masker.addAll(secrets);
    return new DropboxCredentials(
        key.orElse(fromFile.appKey()),
        secret.orElse(fromFile.appSecret()),
        token.orElse(fromFile.refreshToken()));
  }

  /** Returns whether the target is a local folder. */
  boolean isLocal() {
    return targetDir != null;
  }

  /** Returns the local target folder, or null for Dropbox. */
  Path targetDir() {
    return targetDir;
  }

  /** Returns the Dropbox retry settings, or null for a local folder. */
  RetrySettings retry() {
    return retry;
  }

  /** Returns a new Dropbox target; the caller closes it. */
  DropboxFolderTarget dropbox() {
    return DropboxFolderTarget.builder(credentials).folder(folder).baseUrl(baseUrl).retry(retry).build();
  }

  /** Returns a new local target. */
  LocalFolderTarget local() {
    return new LocalFolderTarget(targetDir);
  }

  /** Returns a short description, such as {@code dropbox:/cred}. */
  String describe() {
    return isLocal() ? targetDir.toString() : "dropbox:" + folder;
  }

  /** Returns a target for the run; the caller closes it if it is {@link AutoCloseable}. */
  MirrorTarget open() {
    return isLocal() ? local() : dropbox();
  }
}
