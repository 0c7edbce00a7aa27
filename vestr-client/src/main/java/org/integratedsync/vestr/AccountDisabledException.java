package org.integratedsync.vestr;

/**
 * The account is disabled or locked at the identity provider.
 */
public final class AccountDisabledException extends LoginException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param pageId the page's {@code data-page-id}, or null
   * @param serverMessage the error text shown on the page, or null
   */
  public AccountDisabledException(String message, String pageId, String serverMessage) {
    super(message, pageId, serverMessage);
  }
}
