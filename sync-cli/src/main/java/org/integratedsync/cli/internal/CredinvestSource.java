package org.integratedsync.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.integratedsync.credinvest.ListedFile;

/**
 * Where the Credinvest files come from: the SFTP folder, or a local folder with
 * {@code --source-dir}. Built from the settings, which are checked first.
 */
interface CredinvestSource extends AutoCloseable {

  /** Returns a short description for messages, such as {@code sftp://host:22/out}. */
  String describe();

  /** Lists the files of the folder. */
  List<ListedFile> list() throws Exception;

  @Override
  void close();

  /**
   * Returns the source the settings describe.
   *
   * @param neededFor what needs it, for messages about missing settings
   * @throws ConfigurationException if a needed setting is missing or malformed
   */
  static CredinvestSource fromSettings(Settings settings, String neededFor) {
    var sourceDir = settings.path(Settings.SOURCE_DIR);
    if (sourceDir.isPresent()) {
      Path dir = sourceDir.get();
      if (!Files.isDirectory(dir)) {
        throw new ConfigurationException(
            Settings.SOURCE_DIR, "--source-dir is not a folder: " + dir);
      }
      return new LocalSource(dir);
    }
    SftpConfig config = SftpConfig.from(settings, neededFor);
    throw new ConfigurationException(
        Settings.SFTP_HOST, "SFTP is not available in this build; use --source-dir (" + config + ")");
  }

  /** A local folder. */
  final class LocalSource implements CredinvestSource {
    private final Path dir;

    LocalSource(Path dir) {
      this.dir = dir;
    }

    @Override
    public String describe() {
      return dir.toString();
    }

    @Override
    public List<ListedFile> list() throws IOException {
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .filter(Files::isRegularFile)
            .map(
                p -> {
                  try {
                    return new ListedFile(
                        p.getFileName().toString(),
                        Files.size(p),
                        Files.getLastModifiedTime(p).toInstant());
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .toList();
      }
    }

    @Override
    public void close() {}
  }
}
