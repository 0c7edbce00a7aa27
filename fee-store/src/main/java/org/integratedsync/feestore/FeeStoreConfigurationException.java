package org.integratedsync.feestore;

/**
 * A setting of this library is missing or invalid (today: the database URL, see {@link
 * InvalidDatabaseUrlException}), found before anything is read or written. {@link #setting()} names
 * the setting (for example {@code databaseUrl}), so a caller that reads its configuration from
 * elsewhere can name its own key. The message never contains a password.
 */
public class FeeStoreConfigurationException extends FeeStoreException {

  private final String setting;

  /**
   * Creates an exception.
   *
   * @param setting the name of the setting at fault, e.g. {@code databaseUrl}
   * @param message what is wrong, without a password
   */
  public FeeStoreConfigurationException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  /** Returns the name of the setting at fault, e.g. {@code databaseUrl}. */
  public String setting() {
    return setting;
  }
}
