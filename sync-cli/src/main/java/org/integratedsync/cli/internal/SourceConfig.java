package org.integratedsync.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.LocalFolderSource;
import org.integratedsync.credinvest.SftpSettings;
import org.integratedsync.credinvest.SftpSource;
import org.integratedsync.credinvest.SourceConfigurationException;

/**
 * Where the Credinvest files come from: the SFTP folder, or a local folder with {@code
 * --source-dir}; checked from the settings before anything runs.
 */
final class SourceConfig {
  private final Path sourceDir;
  private final SftpSettings sftp;

  private SourceConfig(Path sourceDir, SftpSettings sftp) {
    this.sourceDir = sourceDir;
    this.sftp = sftp;
  }

  /**
   * Reads and checks the source settings.
   *
   * @param neededFor what needs them, for messages about missing settings
   * @throws ConfigurationException if one is missing or malformed
   */
  static SourceConfig from(Settings settings, String neededFor) {
    Optional<Path> sourceDir = settings.path(Settings.SOURCE_DIR);
    if (sourceDir.isPresent()) {
      if (!Files.isDirectory(sourceDir.get())) {
        throw new ConfigurationException(
            Settings.SOURCE_DIR, "--source-dir is not a folder: " + sourceDir.get());
      }
      return new SourceConfig(sourceDir.get(), null);
    }
    SftpConfig config = SftpConfig.from(settings, neededFor);
    try {
      SftpSettings.Builder builder = SftpSettings.builder(config.host(), config.username()).port(config.port());
      if (config.password() != null) {
        builder.password(config.password());
      }
      if (config.privateKey() != null) {
        builder.privateKey(config.privateKey());
        if (config.passphrase() != null) {
          builder.privateKeyPassphrase(config.passphrase());
        }
      }
      if (config.hostKeyFingerprint() != null) {
        builder.hostKeyFingerprint(config.hostKeyFingerprint());
      } else {
        builder.knownHostsFile(config.knownHosts());
      }
      if (config.directory() != null) {
        builder.remoteDir(config.directory());
      }
      SftpSettings sftp = builder.build();
      try {
        // parses the key now: one that cannot be read is a configuration error, found up front
        new SftpSource(sftp).checkPrivateKey();
      } catch (SourceConfigurationException e) {
        String setting =
            settings.get(Settings.SFTP_PRIVATE_KEY_PASSPHRASE).isPresent()
                ? Settings.SFTP_PRIVATE_KEY + " or " + Settings.SFTP_PRIVATE_KEY_PASSPHRASE
                : settings.value(Settings.SFTP_PRIVATE_KEY)
                    .filter(v -> v.origin().startsWith(Settings.SFTP_PRIVATE_KEY + "_FILE"))
                    .map(v -> Settings.SFTP_PRIVATE_KEY + "_FILE")
                    .orElse(Settings.SFTP_PRIVATE_KEY);
        throw new ConfigurationException(
            Settings.SFTP_PRIVATE_KEY, "malformed setting " + setting + ": " + e.getMessage());
      }
      return new SourceConfig(null, sftp);
    } catch (SourceConfigurationException e) {
      String setting = settingOf(e.setting());
      throw new ConfigurationException(setting, "malformed setting " + setting + ": " + e.getMessage());
    }
  }

  /** The configuration name of one of {@link SftpSettings}' settings, as its exceptions name them. */
  private static String settingOf(String librarySetting) {
    switch (librarySetting == null ? "" : librarySetting) {
      case "port":
        return Settings.SFTP_PORT;
      case "username":
        return Settings.SFTP_USERNAME;
      case "password":
        return Settings.SFTP_PASSWORD;
      case "privateKey":
        return Settings.SFTP_PRIVATE_KEY;
      case "privateKeyFile":
        return Settings.SFTP_PRIVATE_KEY + "_FILE";
      case "hostKeyFingerprint":
        return Settings.SFTP_HOST_KEY;
      case "knownHostsFile":
        return Settings.SFTP_KNOWN_HOSTS;
      case "remoteDir":
        return Settings.SFTP_DIR;
      default:
        return Settings.SFTP_HOST;
    }
  }

  /** Returns the SFTP settings, or null for a local folder. */
  SftpSettings sftp() {
    return sftp;
  }

  /** Returns a short description without secrets. */
  String describe() {
    return sourceDir != null
        ? sourceDir.toString()
        : "sftp://" + sftp.username() + "@" + sftp.host() + ":" + sftp.port() + "/" + sftp.remoteDir();
  }

  /** Opens the source; the caller closes it. */
  FileSource open() {
    if (sourceDir != null) {
      return new LocalFolderSource(sourceDir);
    }
    return new SftpSource(sftp);
  }
}
