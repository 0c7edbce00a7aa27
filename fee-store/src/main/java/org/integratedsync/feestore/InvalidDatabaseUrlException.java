package org.integratedsync.feestore;

/**
 * Thrown by {@link DatabaseUrl} when a database URL is malformed. The message names the problem and
 * never contains the password; {@link #setting()} is {@code databaseUrl}.
 */
public final class InvalidDatabaseUrlException extends FeeStoreConfigurationException {

  /**
   * Creates the exception.
   *
   * @param problem what is wrong, without the password
   */
  public InvalidDatabaseUrlException(String problem) {
    super("databaseUrl", "Invalid database URL: " + problem);
  }
}
