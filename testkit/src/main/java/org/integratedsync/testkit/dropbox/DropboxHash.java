package org.integratedsync.testkit.dropbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The fake's own Dropbox content hash over a byte array, written separately from the production
 * code so that each checks the other: SHA-256 of each 4 MiB block, SHA-256 of the concatenated
 * block digests, lower-case hex.
 */
public final class DropboxHash {

  private static final int BLOCK = 4 * 1024 * 1024;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private DropboxHash() {}

  /**
   * Hashes content the way Dropbox does.
   *
   * @param content the bytes
   * @return 64 hex characters
   */
  public static String of(byte[] content) {
    byte[] concatenated = new byte[0];
    for (int start = 0; start < content.length; start += BLOCK) {
      byte[] block = Arrays.copyOfRange(content, start, Math.min(content.length, start + BLOCK));
      byte[] digest = sha256(block);
      byte[] grown = Arrays.copyOf(concatenated, concatenated.length + digest.length);
      System.arraycopy(digest, 0, grown, concatenated.length, digest.length);
      concatenated = grown;
    }
    byte[] overall = sha256(concatenated);
    StringBuilder hex = new StringBuilder();
    for (byte b : overall) {
      hex.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
    return hex.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
