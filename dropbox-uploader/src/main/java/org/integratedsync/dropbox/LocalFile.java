package org.integratedsync.dropbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A local file chosen for the mirror, and the name it gets in the target folder. Immutable.
 *
 * @param name the file name in the target folder: no slashes, not {@code .} or {@code ..}
 * @param path the local file
 */
public record LocalFile(String name, Path path) {

  /**
   * Validates the name.
   *
   * @throws IllegalArgumentException if the name is empty, contains a slash, backslash or control
   *     character, or is {@code .} or {@code ..}
   * @throws NullPointerException if a part is null
   */
  public LocalFile {
    Objects.requireNonNull(path, "path");
    checkName(name);
  }

  /**
   * Creates an entry named after the file itself.
   *
   * @param path the local file
   * @return the entry
   */
  public static LocalFile of(Path path) {
    Path fileName = Objects.requireNonNull(path, "path").getFileName();
    if (fileName == null) {
      throw new IllegalArgumentException("Not a file path: " + path);
    }
    return new LocalFile(fileName.toString(), path);
  }

  /**
   * Checks that a name is a plain file name that cannot point outside a folder.
   *
   * @param name the name to check
   * @return the name
   * @throws IllegalArgumentException if it is not a plain file name
   */
  public static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("Not a plain file name: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c)) {
        throw new IllegalArgumentException("Not a plain file name (contains a separator or control character): '"
            + name.replaceAll("\\p{Cntrl}", "?") + "'");
      }
    }
    return name;
  }
}
