package org.integratedsync.vestr;

/**
 * A setting of this library is missing or invalid: thrown by {@link VestrSettings.Builder#build()}
 * and {@link VestrSettings#normaliseOtpSecret(String)}, before any request is sent. {@link #setting()}
 * names the setting as the builder spells it (for example {@code otpSecret}), so a caller that reads
 * its configuration from elsewhere can name its own key. The message never contains a secret value.
 *
 * <p>It extends {@link IllegalArgumentException}, which these checks threw before, so existing
 * {@code catch} blocks keep working.
 */
public final class VestrConfigurationException extends IllegalArgumentException {

  private final String setting;

  /**
   * Creates an exception.
   *
   * @param setting the name of the setting at fault, e.g. {@code otpSecret}
   * @param message what is wrong, without a secret value
   */
  public VestrConfigurationException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  /** Returns the name of the setting at fault, e.g. {@code otpSecret}. */
  public String setting() {
    return setting;
  }
}
