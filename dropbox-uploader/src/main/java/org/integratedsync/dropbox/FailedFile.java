package org.integratedsync.dropbox;

import java.util.Objects;

/**
 * A file that could not be uploaded or deleted after every attempt. Immutable.
 *
 * @param name the file name
 * @param error the last error, without secrets
 * @param attempts how many passes tried the file
 */
public record FailedFile(String name, String error, int attempts) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if the name or the error is null
   */
  public FailedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(error, "error");
  }
}
