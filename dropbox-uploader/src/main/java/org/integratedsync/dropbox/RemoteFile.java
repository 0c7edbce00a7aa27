package org.integratedsync.dropbox;

import java.util.Objects;
import java.util.Optional;

/**
 * A file in the target folder as the target reports it. Immutable.
 *
 * @param name the file name (no folder part)
 * @param contentHash Dropbox's content hash of the file (see {@link ContentHash}); empty when the
 *     entry is unusable
 * @param size the size in bytes
 * @param unusable why the target cannot read or address this entry (an unreadable file, a name that
 *     is not valid UTF-8, a symbolic link), or null; such an entry is never deleted or overwritten
 *     and is reported with the reason
 */
public record RemoteFile(String name, String contentHash, long size, String unusable) {

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

  /**
   * Creates a usable entry.
   *
   * @param name the file name
   * @param contentHash its content hash
   * @param size its size
   */
  public RemoteFile(String name, String contentHash, long size) {
    this(name, contentHash, size, null);
  }

  /**
   * Creates an entry the target cannot read or address.
   *
   * @param name the name as listed
   * @param reason why, such as {@code permission denied}
   * @return the entry
   */
  public static RemoteFile unusable(String name, String reason) {
    return new RemoteFile(name, "", 0, Objects.requireNonNull(reason, "reason"));
  }

  /** Returns why the entry cannot be used, if it cannot. */
  public Optional<String> unusableReason() {
    return Optional.ofNullable(unusable);
  }
}
