package org.integratedsync.dropbox;

import java.nio.file.Path;

/**
 * A Dropbox credentials file is missing, unreadable, not valid JSON or lacks a field. The message
 * names the file and the field, never a value from it.
 */
public final class CredentialsFileException extends DropboxSyncException {

  private final Path file;

  /**
   * Creates the exception.
   *
   * @param file the credentials file
   * @param message what is wrong with it
   * @param cause the underlying failure, or null
   */
  public CredentialsFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** Returns the credentials file that could not be used. */
  public Path file() {
    return file;
  }
}
