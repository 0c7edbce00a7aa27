package org.integratedsync.credinvest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks that a file is a complete xlsx, i.e. a readable zip archive: a local file header at offset 0
 * and an end-of-central-directory record with a central directory that the JDK's zip reader accepts.
 * A report still being written by the custodian, cut off in transit or replaced by an error page
 * fails it. The worksheets are not parsed: the check is about completeness, not content. Stateless.
 */
public final class CompleteXlsx {

  private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};

  private CompleteXlsx() {}

  /**
   * Returns what is wrong with {@code file}, or null if it is a complete zip archive.
   *
   * @param file a regular file (a symbolic link is not followed and fails the check)
   */
  public static String problem(Path file) {
    byte[] start = new byte[LOCAL_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      read = in.readNBytes(start, 0, start.length);
    } catch (IOException e) {
      return "cannot be read: " + IoErrors.reason(e);
    }
    if (read < start.length || !java.util.Arrays.equals(start, LOCAL_HEADER)) {
      return read == 0 ? "it is empty" : "it does not start with a zip header (" + describe(start, read) + ")";
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (zip.size() == 0) {
        return "the zip archive holds no entries";
      }
      return null;
    } catch (ZipException e) {
      return "the zip archive is cut off or damaged (" + e.getMessage() + ")";
    } catch (IOException e) {
      return "cannot be read: " + IoErrors.reason(e);
    }
  }

  private static String describe(byte[] start, int read) {
    boolean text = true;
    for (int i = 0; i < read; i++) {
      text &= start[i] >= 0x20 && start[i] < 0x7f;
    }
    if (text && read > 0 && start[0] == '<') {
      return "looks like an HTML or XML page";
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < read; i++) {
      hex.append(String.format("%02x", start[i] & 0xff));
    }
    return "first bytes " + hex;
  }
}
