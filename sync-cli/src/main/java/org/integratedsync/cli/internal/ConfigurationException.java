package org.integratedsync.cli.internal;

import java.util.Objects;

/**
 * A setting is missing or malformed (exit code 2). Carries the name of the setting.
 */
public final class ConfigurationException extends CliException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * Creates the exception.
   *
   * @param setting name of the setting at fault, for example {@code CREDINVEST_SFTP_HOST}
   * @param message one-line message, which must name the setting and must not contain its value
   *     if it is a secret
   */
  public ConfigurationException(String setting, String message) {
    super(message);
    this.setting = Objects.requireNonNull(setting, "setting");
  }

  /** Creates the exception with its cause (kept for the log at DEBUG). */
  public ConfigurationException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = Objects.requireNonNull(setting, "setting");
  }

  /** Returns the name of the setting at fault. */
  public String setting() {
    return setting;
  }
}
