package org.integratedsync.vestr;

/**
 * The OpenID Connect token endpoint refused a request (code exchange or refresh).
 *
 * <p>{@link #error()} is the OAuth error code such as {@code invalid_grant}.
 */
public final class TokenRequestException extends LoginException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param status the HTTP status of the token response
   * @param error the OAuth {@code error} code, or null
   */
  public TokenRequestException(String message, int status, String error) {
    super(message, null, null);
    this.status = status;
    this.error = error;
  }

  /** Returns the HTTP status of the token response. */
  public int status() {
    return status;
  }

  /** Returns the OAuth {@code error} code, or null. */
  public String error() {
    return error;
  }
}
