package org.integratedsync.vestr;

/**
 * The login page or action expired before it was completed ("Page has expired", "Action expired", a timed-out login); trying again usually helps.
 */
public final class LoginExpiredException extends LoginException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param pageId the page's {@code data-page-id}, or null
   * @param serverMessage the error text shown on the page, or null
   */
  public LoginExpiredException(String message, String pageId, String serverMessage) {
    super(message, pageId, serverMessage);
  }
}
