package org.integratedsync.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.integratedsync.testkit.dropbox.DropboxHash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Dropbox's content hash on the 4 MiB block boundaries. */
class ContentHashTest {

  private static final int MIB4 = 4 * 1024 * 1024;

  @TempDir Path dir;

  /** Values computed with an independent implementation (Python's hashlib) over repeated 'x' bytes. */
  @ParameterizedTest
  @CsvSource({
      "0, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "4194303, fb129a5bb012945cae8a89f0e79aec4943df2683cee962903295134cdc4dfdd6",
      "4194304, 7cb1633b75c3caf1295e18a48aeb3f8bd7f74c5bafa25b4211433cfb2de6de12",
      "4194305, 656e7e27f7d0459e319264cdccb61f6667e8e964f8e763c332f35d36ee1cb924"})
  void matchesKnownValues(int size, String expected) throws IOException {
    byte[] content = new byte[size];
    Arrays.fill(content, (byte) 'x');
    Path file = Files.write(dir.resolve("f"), content);

    assertThat(ContentHash.of(file)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, MIB4 - 1, MIB4, MIB4 + 1, 2 * MIB4 + 3})
  void agreesWithTheFakesIndependentImplementation(int size) throws IOException {
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = (byte) (i * 131 + (i >> 13));
    }
    Path file = Files.write(dir.resolve("f"), content);

    assertThat(ContentHash.of(file)).isEqualTo(DropboxHash.of(content)).hasSize(64);
  }
}
