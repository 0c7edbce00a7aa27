package org.integratedsync.vestr;

/**
 * A failed sign-in: the login pages, the redirects or the token endpoint did not lead to a session.
 *
 * <p>Subclasses name the specific causes; this class itself is thrown for other failures such as an
 * error page from the identity provider or a redirect loop. {@link #pageId()} and
 * {@link #serverMessage()} carry what the page said, when there was a page.
 */
public class LoginException extends VestrException {
  private static final long serialVersionUID = 1L;

  private final String pageId;
  private final String serverMessage;

  /**
   * Creates a login failure.
   *
   * @param message what went wrong, without secrets
   * @param pageId the page's {@code data-page-id}, or null
   * @param serverMessage the error text shown on the page, or null
   */
  public LoginException(String message, String pageId, String serverMessage) {
    super(message);
    this.pageId = pageId;
    this.serverMessage = serverMessage;
  }

  /** Creates a login failure caused by another exception. */
  public LoginException(String message, Throwable cause) {
    super(message, cause);
    this.pageId = null;
    this.serverMessage = null;
  }

  /** Returns the {@code data-page-id} of the page that showed the failure, or null. */
  public String pageId() {
    return pageId;
  }

  /** Returns the message the identity provider showed on the page, or null. */
  public String serverMessage() {
    return serverMessage;
  }
}
