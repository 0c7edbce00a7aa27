package org.integratedsync.cli.reliability;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A distinctive random value for every secret a run is given, so that a leak check can search the
 * console and the files for each of them without false matches. Immutable.
 */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  final String sftpPassword = token("sftpPw");
  final String dropboxAppSecret = token("dbxSecret");
  final String dropboxRefreshToken = token("dbxRefresh");
  final String vestrPassword = token("vestrPw");
  /** Base32, as an authenticator app shows it; only letters A-Z and digits 2-7. */
  final String vestrOtpSecret = base32(32);
  final String databasePassword = token("pgPw");

  /** Returns every secret value. */
  List<String> all() {
    return List.of(
        sftpPassword, dropboxAppSecret, dropboxRefreshToken, vestrPassword, vestrOtpSecret, databasePassword);
  }

  /** Returns a value such as {@code sftpPw-9f8e…} with 96 random bits. */
  static String token(String prefix) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return prefix + "-" + HexFormat.of().formatHex(bytes);
  }

  static String base32(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return text.toString();
  }
}
