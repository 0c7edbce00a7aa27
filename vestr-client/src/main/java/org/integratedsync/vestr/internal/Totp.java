package org.integratedsync.vestr.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time codes from a shared secret; thread-safe. */
public final class Totp {
  private final SecretKeySpec key;
  private final TimeBasedOneTimePasswordGenerator generator;
  private final Duration period;

  /**
   * Creates a generator.
   *
   * @param secret the raw shared secret (not base32)
   * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
   * @param digits 6 to 8
   * @param period the time step
   */
  public Totp(byte[] secret, String algorithm, int digits, Duration period) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("OTP secret is empty");
    }
    this.key = new SecretKeySpec(secret, algorithm);
    this.generator = new TimeBasedOneTimePasswordGenerator(period, digits, algorithm);
    this.period = period;
  }

  /** Creates a generator from a base32 secret, as authenticator apps show it. */
  public static Totp fromBase32(String base32Secret, String algorithm, int digits, Duration period) {
    return new Totp(Base32.decode(base32Secret), algorithm, digits, period);
  }

  /** Returns the code valid at {@code time}, zero-padded to the configured number of digits. */
  public String code(Instant time) {
    try {
      // Locale.ROOT: ASCII digits whatever the default locale
      return generator.generateOneTimePasswordString(key, time, Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("OTP key rejected by " + key.getAlgorithm(), e);
    }
  }

  /** Returns the time step. */
  public Duration period() {
    return period;
  }
}
