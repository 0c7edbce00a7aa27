package org.integratedsync.vestr;

/**
 * The login reached a page the client cannot complete unattended, such as a profile-update, terms
 * or OTP set-up page; it names the page so an operator can finish that step in a browser.
 */
public final class UnexpectedPageException extends LoginException {
  private static final long serialVersionUID = 1L;

  private final String title;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param pageId the page's {@code data-page-id}, or null when the page has none
   * @param title the page's title, or null
   */
  public UnexpectedPageException(String message, String pageId, String title) {
    super(message, pageId, null);
    this.title = title;
  }

  /** Returns the page's title, or null. */
  public String title() {
    return title;
  }
}
