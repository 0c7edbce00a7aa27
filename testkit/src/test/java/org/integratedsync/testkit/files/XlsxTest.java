package org.integratedsync.testkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxTest {

  @TempDir Path dir;

  @Test
  void aFixtureIsAZipThatTheJdkReaderOpens() throws IOException {
    Path file = Xlsx.write(dir.resolve("a.xlsx"), "account 123456");
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertEquals(2, zip.size());
      String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes());
      assertTrue(sheet.contains("account 123456"), sheet);
    }
  }

  @Test
  void differentTextsGiveDifferentBytes() {
    assertFalse(java.util.Arrays.equals(Xlsx.of("a"), Xlsx.of("b")));
    assertArrayEquals(Xlsx.of("a"), Xlsx.of("a"));
  }

  @Test
  void aPaddedFixtureHasAtLeastTheSizeAskedForAndStaysReadable() throws IOException {
    Path file = Files.write(dir.resolve("big.xlsx"), Xlsx.ofSize("x", 200_000));
    assertEquals(200_000, Files.size(file));
    assertEquals(101, Xlsx.ofSize("y", 101).length);
    assertThrows(IllegalArgumentException.class, () -> Xlsx.ofSize("y", 100));
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertEquals(1, zip.size());
    }
  }

  @Test
  void aTruncatedFixtureIsNotAReadableZip() throws IOException {
    Path file = Files.write(dir.resolve("cut.xlsx"), Xlsx.truncated("x", 100));
    assertThrows(ZipException.class, () -> new ZipFile(file.toFile()).close());
    assertThrows(IllegalArgumentException.class, () -> Xlsx.truncated("x", 100_000));
  }
}
