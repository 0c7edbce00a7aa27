package org.integratedsync.vestr;

/**
 * The identity provider rejected the username or password (for example "Invalid username or password.").
 */
public final class InvalidCredentialsException extends LoginException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param pageId the page's {@code data-page-id}, or null
   * @param serverMessage the error text shown on the page, or null
   */
  public InvalidCredentialsException(String message, String pageId, String serverMessage) {
    super(message, pageId, serverMessage);
  }
}
