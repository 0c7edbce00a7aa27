package org.integratedsync.vestr;

/**
 * The identity provider rejected the one-time code, also after a second try with the next time step's code; usually a wrong OTP secret or a wrong system clock.
 */
public final class InvalidOtpException extends LoginException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param pageId the page's {@code data-page-id}, or null
   * @param serverMessage the error text shown on the page, or null
   */
  public InvalidOtpException(String message, String pageId, String serverMessage) {
    super(message, pageId, serverMessage);
  }
}
