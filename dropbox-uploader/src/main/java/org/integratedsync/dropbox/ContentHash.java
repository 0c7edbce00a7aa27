package org.integratedsync.dropbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Dropbox's content hash: the SHA-256 of each 4 MiB block of a file, then the SHA-256 of the
 * concatenated block digests, as lower-case hex. Dropbox reports it for every stored file, so equal
 * hashes mean equal content without downloading anything. Stateless and thread-safe.
 */
public final class ContentHash {

  /** Dropbox hashes files in blocks of this many bytes. */
  public static final int BLOCK_SIZE = 4 * 1024 * 1024;

  private ContentHash() {}

  /**
   * Computes the content hash of a file.
   *
   * @param file a regular file
   * @return 64 lower-case hex characters
   * @throws UncheckedIOException if the file cannot be read
   */
  public static String of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Computes the content hash of everything the stream yields; the stream is not closed.
   *
   * @param in the content
   * @return 64 lower-case hex characters
   * @throws IOException if reading fails
   */
  public static String of(InputStream in) throws IOException {
    MessageDigest overall = sha256();
    MessageDigest block = sha256();
    byte[] buffer = new byte[64 * 1024];
    int inBlock = 0;
    int read;
    while ((read = in.read(buffer, 0, Math.min(buffer.length, BLOCK_SIZE - inBlock))) != -1) {
      if (read == 0) {
        continue;
      }
      block.update(buffer, 0, read);
      inBlock += read;
      if (inBlock == BLOCK_SIZE) {
        overall.update(block.digest());
        inBlock = 0;
      }
    }
    if (inBlock > 0) {
      overall.update(block.digest());
    }
    return HexFormat.of().formatHex(overall.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
