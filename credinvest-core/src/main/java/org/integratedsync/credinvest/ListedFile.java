package org.integratedsync.credinvest;

import java.time.Instant;
import java.util.Objects;

/**
 * A file as a source lists it: its name, size and modification time.
 *
 * <p>Instances are immutable.
 *
 * @param name the file name without folder
 * @param size size in bytes
 * @param mtime last modification time (whole seconds when listed over SFTP)
 */
public record ListedFile(String name, long size, Instant mtime) {

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if {@code name} or {@code mtime} is null
   * @throws IllegalArgumentException if {@code name} is empty or {@code size} is negative
   */
  public ListedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mtime, "mtime");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name is empty");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }
}
