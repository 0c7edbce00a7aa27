package org.integratedsync.vestr;

import java.net.URI;

/** An HTTP response with a status the client cannot use (for example 500 from the GraphQL endpoint). */
public final class VestrHttpException extends VestrException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final URI uri;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, without secrets
   * @param status the HTTP status
   * @param uri the requested URI without its query
   */
  public VestrHttpException(String message, int status, URI uri) {
    super(message);
    this.status = status;
    this.uri = uri;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the requested URI, without its query string. */
  public URI uri() {
    return uri;
  }
}
