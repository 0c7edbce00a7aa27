package org.integratedsync.dropbox;

/**
 * Dropbox refused the app key, app secret or refresh token. Retrying does not help; the message says
 * which part was refused and never contains the secret values.
 */
public final class DropboxAuthenticationException extends DropboxSyncException {

  private final String errorCode;

  /**
   * Creates the exception.
   *
   * @param message what was refused, without secrets
   * @param errorCode Dropbox's OAuth error code (for example {@code invalid_grant}), or null
   * @param cause the SDK's exception (kept as the cause for diagnosis; the message never quotes
   *     it), or null
   */
  public DropboxAuthenticationException(String message, String errorCode, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  /** Returns Dropbox's OAuth error code (for example {@code invalid_grant}), or null when unknown. */
  public String errorCode() {
    return errorCode;
  }
}
