package org.integratedsync.dropbox;

import java.util.Objects;

/**
 * A file in the target folder as the target reports it. Immutable.
 *
 * @param name the file name (no folder part)
 * @param contentHash Dropbox's content hash of the file (see {@link ContentHash})
 * @param size the size in bytes
 */
public record RemoteFile(String name, String contentHash, long size) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if the name or the hash is null
   * @throws IllegalArgumentException if the size is negative
   */
  public RemoteFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentHash, "contentHash");
    if (size < 0) {
      throw new IllegalArgumentException("size < 0: " + size);
    }
  }
}
