package org.integratedsync.vestr;

/** A request could not be sent or its response not read (unreachable host, timeout, reset connection). */
public final class VestrConnectionException extends VestrException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public VestrConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
