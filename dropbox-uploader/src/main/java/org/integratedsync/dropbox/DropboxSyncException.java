package org.integratedsync.dropbox;

/**
 * The root of every exception this library throws. It is unchecked; the subclasses say what went
 * wrong. Messages never contain secrets (app secret, refresh or access tokens).
 */
public class DropboxSyncException extends RuntimeException {

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message what went wrong, without secrets
   * @param cause the underlying failure, or null
   */
  public DropboxSyncException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, without secrets
   */
  public DropboxSyncException(String message) {
    super(message);
  }
}
