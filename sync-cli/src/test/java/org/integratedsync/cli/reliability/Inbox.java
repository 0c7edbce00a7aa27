package org.integratedsync.cli.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.files.Xlsx;

/**
 * Writes Credinvest report files into a folder (a local source folder or an SFTP server's root):
 * each file's content is generated from its name, so tests can compare bytes wherever a file
 * lands.
 */
final class Inbox {
  private Inbox() {}

  /**
   * Returns the content of the file with this name and size, the same on every call: a complete
   * xlsx (zip) archive, as a report must be, unique to the name.
   */
  static byte[] content(String name, int size) {
    return Xlsx.ofSize(name, size);
  }

  /** Writes one file with generated content and a fixed modification time; returns its path. */
  static Path write(Path folder, String name, int size) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve(name);
      Files.write(file, content(name, size));
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-12-15T16:05:01Z")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the names of a current report pair ({@code 100F} and {@code 400F} of 2025-12-15) for
   * {@code accounts} accounts, all of which the selection rules keep.
   */
  static List<String> currentPairs(int accounts) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      String account = String.valueOf(100_001 + i);
      names.add(account + "-20251215170501-INTE100F.xlsx");
      names.add(account + "-20251215170502-INTE400F.xlsx");
    }
    return names;
  }

  /** Writes every name with {@code size} bytes into {@code folder}; returns the names. */
  static List<String> writeAll(Path folder, List<String> names, int size) {
    names.forEach(name -> write(folder, name, size));
    return names;
  }
}
