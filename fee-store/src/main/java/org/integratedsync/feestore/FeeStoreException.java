package org.integratedsync.feestore;

/**
 * The root of every exception the fee store throws: a database failure, or one of the specific
 * subclasses. Messages never contain passwords.
 */
public class FeeStoreException extends RuntimeException {

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public FeeStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message what failed
   */
  public FeeStoreException(String message) {
    super(message);
  }
}
