package org.integratedsync.credinvest;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry of a folder as a source lists it: its name, size, modification time and kind. Sources
 * list every entry — files, folders, symbolic links (never followed) and special files — so that
 * the selection can account for each of them.
 *
 * <p>Instances are immutable.
 *
 * @param name the entry name without folder
 * @param size size in bytes (of the link itself for a symbolic link)
 * @param mtime last modification time (whole seconds when listed over SFTP)
 * @param kind what the entry is; only {@link Kind#FILE} is ever downloaded
 */
public record ListedFile(String name, long size, Instant mtime, Kind kind) {

  /** What a folder entry is, as listed without following symbolic links. */
  public enum Kind {
    /** A regular file. */
    FILE,
    /** A folder. */
    DIRECTORY,
    /** A symbolic link, whatever it points to (or nothing); never followed. */
    SYMLINK,
    /** Anything else: a socket, a pipe, a device, or an entry whose kind the server did not say. */
    OTHER
  }

  /**
   * Creates a regular file's entry.
   *
   * @throws NullPointerException if {@code name} or {@code mtime} is null
   * @throws IllegalArgumentException if {@code name} is empty or {@code size} is negative
   */
  public ListedFile(String name, long size, Instant mtime) {
    this(name, size, mtime, Kind.FILE);
  }

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if {@code name}, {@code mtime} or {@code kind} is null
   * @throws IllegalArgumentException if {@code name} is empty or {@code size} is negative
   */
  public ListedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(kind, "kind");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name is empty");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }

  /** Whether the entry is a regular file, the only kind that can be a report. */
  public boolean isFile() {
    return kind == Kind.FILE;
  }
}
