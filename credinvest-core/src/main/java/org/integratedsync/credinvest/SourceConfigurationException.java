package org.integratedsync.credinvest;

/**
 * A setting is missing or invalid, or a configured file or folder cannot be used (for example an
 * unreadable private key, a missing source folder or a download folder that cannot be created).
 */
public final class SourceConfigurationException extends CredinvestException {

  private final String setting;

  /**
   * Creates an exception.
   *
   * @param setting the name of the setting at fault, e.g. {@code privateKey}
   * @param message what is wrong, without the setting's secret value
   * @param cause the underlying error, or {@code null}
   */
  public SourceConfigurationException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  /**
   * Creates an exception without cause.
   *
   * @param setting the name of the setting at fault
   * @param message what is wrong
   */
  public SourceConfigurationException(String setting, String message) {
    this(setting, message, null);
  }

  /** Returns the name of the setting at fault. */
  public String setting() {
    return setting;
  }
}
