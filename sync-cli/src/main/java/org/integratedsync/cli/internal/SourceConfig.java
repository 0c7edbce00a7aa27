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
      return new SourceConfig(null, builder.build());
    } catch (SourceConfigurationException e) {
      throw new ConfigurationException(Settings.SFTP_HOST, "invalid SFTP settings: " + e.getMessage());
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
