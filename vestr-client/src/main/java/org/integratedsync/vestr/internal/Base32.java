package org.integratedsync.vestr.internal;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 base32 decoding of normalised text (upper case, no spaces, no padding); {@code
 * VestrSettings.normaliseOtpSecret} is the one place that turns user input into that form.
 */
public final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /**
   * Decodes base32 text.
   *
   * @throws IllegalArgumentException if the text holds a character outside the alphabet (the
   *     message does not repeat the text, which is usually a secret)
   */
  public static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      int value = ALPHABET.indexOf(text.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("OTP secret is not base32 (bad character at position " + i + ")");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
