package org.integratedsync.feestore;

/**
 * Thrown by {@link DatabaseUrl} when a database URL is malformed. The message names the problem and
 * never contains the password.
 */
public final class InvalidDatabaseUrlException extends FeeStoreException {

  /**
   * Creates the exception.
   *
   * @param problem what is wrong, without the password
   */
  public InvalidDatabaseUrlException(String problem) {
    super("Invalid database URL: " + problem);
  }
}
