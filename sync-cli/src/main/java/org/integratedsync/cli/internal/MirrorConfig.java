package org.integratedsync.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    if (!folder.startsWith("/") || folder.equals("/") || folder.contains("//")) {
      throw Settings.malformed(
          Settings.DROPBOX_FOLDER, "a folder path such as /cred (not the root)",
          settings.value(Settings.DROPBOX_FOLDER).orElseThrow());
    }
    String baseUrl = settings.url(Settings.DROPBOX_BASE_URL).map(Object::toString).orElse(null);
    RetrySettings.Builder retry = RetrySettings.builder();
    settings.integer(DROPBOX_RETRY_PASSES, 0, 100).ifPresent(retry::retryPasses);
    settings.integer(DROPBOX_CALL_ATTEMPTS, 1, 100).ifPresent(retry::attemptsPerCall);
    settings
        .integer(DROPBOX_BACKOFF_MILLIS, 0, 3_600_000)
        .ifPresent(ms -> retry.backoff(Duration.ofMillis(ms), Duration.ofMillis(Math.max(ms, 1) * 32L)));
    MirrorConfig config = new MirrorConfig(null, credentials, folder, baseUrl, retry.build());
    // builds the target once to check the folder path the way the library does; makes no request
    try (DropboxFolderTarget target = config.dropbox()) {
      return config;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(Settings.DROPBOX_FOLDER, "malformed setting DROPBOX_FOLDER: " + e.getMessage());
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
