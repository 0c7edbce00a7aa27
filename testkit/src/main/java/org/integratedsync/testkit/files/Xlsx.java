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
   * Returns a complete xlsx of at least {@code minSize} bytes (padded with a stored entry), for
   * tests that need files of a given size.
   *
   * @param text makes the file unique
   * @param minSize the smallest size wanted, in bytes
   * @return the file's bytes, a valid zip archive
   */
  public static byte[] ofSize(String text, int minSize) {
    byte[] small = of(text);
    if (small.length >= minSize) {
      return small;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "xl/worksheets/sheet1.xml", "<worksheet><t>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</t></worksheet>");
      ZipEntry padding = new ZipEntry("xl/media/padding.bin");
      padding.setMethod(ZipEntry.STORED);
      byte[] pad = new byte[minSize];
      Arrays.fill(pad, (byte) (text.hashCode() & 0x7f));
      CRC32 crc = new CRC32();
      crc.update(pad);
      padding.setSize(pad.length);
      padding.setCompressedSize(pad.length);
      padding.setCrc(crc.getValue());
      zip.putNextEntry(padding);
      zip.write(pad);
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
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
