package org.integratedsync.testkit.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes small, complete xlsx files (readable zip archives) to stand for custodian reports in
 * tests. The content is a zip with a {@code [Content_Types].xml} and one worksheet holding the given
 * text, so two reports with different text differ in content and content hash.
 */
public final class Xlsx {

  private static final long FIXED_TIME = 1_765_814_400_000L; // 2025-12-15T16:00:00Z

  private Xlsx() {}

  /**
   * Returns a complete xlsx whose worksheet holds {@code text}.
   *
   * @param text anything; it makes the file's bytes unique
   * @return the file's bytes, a valid zip archive
   */
  public static byte[] of(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
              + "package/2006/content-types\"><Override PartName=\"/xl/worksheets/sheet1.xml\" "
              + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
              + "</Types>");
      put(zip, "xl/worksheets/sheet1.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>"
              + text.replace("&", "&amp;").replace("<", "&lt;")
              + "</t></is></c></row></sheetData></worksheet>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Returns a complete zip archive of exactly {@code size} bytes, for tests that need files of a given
   * size: one stored entry holding {@code text} and padding. (Not a spreadsheet Excel would open, but
   * a complete archive, which is all the download check asks.)
   *
   * @param text makes the file unique
   * @param size the size wanted, in bytes: at least 100 plus the length of {@code text} in UTF-8
   * @return the file's bytes, a valid zip archive
   * @throws IllegalArgumentException if {@code size} is too small for a zip holding {@code text}
   */
  public static byte[] ofSize(String text, int size) {
    byte[] head = text.getBytes(StandardCharsets.UTF_8);
    int overhead = stored(head, 0).length;
    if (size < overhead) {
      throw new IllegalArgumentException("a complete zip holding \"" + text + "\" needs at least " + overhead
          + " bytes, not " + size);
    }
    return stored(head, size - overhead); // a stored entry grows byte for byte with its content
  }

  private static byte[] stored(byte[] head, int padding) {
    byte[] content = Arrays.copyOf(head, head.length + padding);
    Arrays.fill(content, head.length, content.length, (byte) ' ');
    return storing(content);
  }

  /**
   * Returns a complete zip archive of one stored (uncompressed) entry holding {@code content}, 100
   * bytes larger than it: for tests that need a report whose bytes nothing on the way can compress.
   *
   * @param content the entry's bytes
   * @return the archive's bytes
   */
  public static byte[] storing(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 128);
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      ZipEntry entry = new ZipEntry("x");
      entry.setTime(FIXED_TIME);
      entry.setMethod(ZipEntry.STORED);
      CRC32 crc = new CRC32();
      crc.update(content);
      entry.setSize(content.length);
      entry.setCompressedSize(content.length);
      entry.setCrc(crc.getValue());
      zip.putNextEntry(entry);
      zip.write(content);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Returns the first {@code length} bytes of a complete xlsx: a report the custodian was still
   * writing.
   *
   * @param text makes the file unique
   * @param length how many bytes to keep, fewer than the whole file
   * @return the truncated bytes
   */
  public static byte[] truncated(String text, int length) {
    byte[] whole = of(text);
    if (length >= whole.length) {
      throw new IllegalArgumentException("length " + length + " keeps the whole file of " + whole.length + " bytes");
    }
    return Arrays.copyOf(whole, length);
  }

  /**
   * Writes a complete xlsx holding {@code text} to {@code file}.
   *
   * @param file where to write
   * @param text makes the file unique
   * @return {@code file}
   */
  public static Path write(Path file, String text) {
    try {
      return Files.write(file, of(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns an HTML error page, as a misconfigured server might deliver under a report's name. */
  public static byte[] errorPage() {
    return "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n"
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(FIXED_TIME); // same text, same bytes, whenever it is made
    zip.putNextEntry(entry);
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
