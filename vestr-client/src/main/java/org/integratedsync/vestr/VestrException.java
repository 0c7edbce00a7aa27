package org.integratedsync.vestr;

/**
 * The root of every exception the Vestr client throws; unchecked.
 *
 * <p>Messages never contain secrets (password, OTP secret or codes, authorization codes, tokens);
 * URLs in messages are shown without their query string.
 */
public class VestrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public VestrException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public VestrException(String message, Throwable cause) {
    super(message, cause);
  }
}
