package org.integratedsync.dropbox;

/**
 * A setting of this library is missing or out of range: thrown when the settings are built
 * ({@link MirrorSettings}, {@link RetrySettings}, {@link DropboxCredentials}), before anything is
 * uploaded or deleted. {@link #setting()} names the setting as the Java API spells it (for example
 * {@code batchSize}), so a caller that reads its configuration from elsewhere can name its own key.
 * The message never contains a secret value.
 *
 * <p>It extends {@link IllegalArgumentException}, which these checks threw before, so existing
 * {@code catch} blocks keep working.
 */
public final class DropboxConfigurationException extends IllegalArgumentException {

  private final String setting;

  /**
   * Creates an exception.
   *
   * @param setting the name of the setting at fault, e.g. {@code batchSize}
   * @param message what is wrong, without a secret value
   */
  public DropboxConfigurationException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  /** Returns the name of the setting at fault, e.g. {@code batchSize}. */
  public String setting() {
    return setting;
  }
}
