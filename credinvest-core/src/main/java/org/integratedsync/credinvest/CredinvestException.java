package org.integratedsync.credinvest;

/**
 * Root of the unchecked exceptions of this library. The subclasses say what failed and carry the
 * data a caller needs (host, fingerprint, file). Messages never contain passwords, passphrases or
 * key material.
 */
public class CredinvestException extends RuntimeException {

  /**
   * Creates an exception.
   *
   * @param message what failed
   * @param cause the underlying error, or {@code null}
   */
  public CredinvestException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without cause.
   *
   * @param message what failed
   */
  public CredinvestException(String message) {
    super(message);
  }
}
