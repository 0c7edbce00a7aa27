package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path work;

  private Settings load(Map<String, String> options, Map<String, String> env) {
    return Settings.load(options, env, null, work);
  }

  @Test
  void optionBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
    Files.writeString(
        work.resolve("integrated-sync.properties"),
        "# comment\n! comment too\n\nINTEGRATED_SYNC_DOWNLOAD_DIR = from-file\nDROPBOX_FOLDER=/file\n"
            + "CREDINVEST_SFTP_PORT=2200\n");
    Map<String, String> options = new HashMap<>();
    options.put(Settings.DOWNLOAD_DIR, "from-option");
    Map<String, String> env = Map.of("INTEGRATED_SYNC_DOWNLOAD_DIR", "from-env", "DROPBOX_FOLDER", "/env");

    Settings settings = load(options, env);

    assertThat(settings.get(Settings.DOWNLOAD_DIR)).contains("from-option");
    assertThat(settings.value(Settings.DOWNLOAD_DIR).orElseThrow().source()).isEqualTo(Settings.Source.OPTION);
    assertThat(settings.get(Settings.DROPBOX_FOLDER)).contains("/env");
    assertThat(settings.get(Settings.SFTP_PORT)).contains("2200");
    assertThat(settings.value(Settings.SFTP_PORT).orElseThrow().source()).isEqualTo(Settings.Source.FILE);
    assertThat(settings.get(Settings.VESTR_URL)).contains("https://aisfg.delta.vestr.com");
    assertThat(settings.value(Settings.VESTR_URL).orElseThrow().source()).isEqualTo(Settings.Source.DEFAULT);
    assertThat(load(Map.of(), Map.of()).get(Settings.DOWNLOAD_DIR)).contains("from-file");
  }

  @Test
  void aBlankValueCountsAsUnset() {
    Settings settings = load(Map.of(), Map.of("CREDINVEST_SFTP_HOST", "  ", "DROPBOX_FOLDER", ""));

    assertThat(settings.has(Settings.SFTP_HOST)).isFalse();
    assertThat(settings.get(Settings.DROPBOX_FOLDER)).contains("/cred");
  }

  @Test
  void backslashesInThePropertiesFileAreLiteral() throws Exception {
    Path config = work.resolve("my.properties");
    Files.writeString(config, "\uFEFFCREDINVEST_SFTP_KNOWN_HOSTS=C:\\sync\\known_hosts\n");

    Settings settings = Settings.load(Map.of(), Map.of(), config, work);

    assertThat(settings.get(Settings.SFTP_KNOWN_HOSTS)).contains("C:\\sync\\known_hosts");
    assertThat(settings.propertiesFile()).contains(config);
  }

  @Test
  void aMalformedPropertiesLineIsNamedWithItsNumber() throws Exception {
    Path config = work.resolve("bad.properties");
    Files.writeString(config, "DROPBOX_FOLDER=/x\nthis line has no equals sign\n");

    assertThatThrownBy(() -> Settings.load(Map.of(), Map.of(), config, work))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bad.properties line 2: expected KEY=value");
  }

  @Test
  void aMissingConfigFileIsAnError() {
    assertThatThrownBy(() -> Settings.load(Map.of(), Map.of(), Path.of("nope.properties"), work))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("--config file not found")
        .hasMessageContaining("nope.properties");
  }

  @Test
  void aSecretCanComeFromAFileWithoutItsTrailingNewline() throws Exception {
    Path secret = work.resolve("pw.txt");
    Files.writeString(secret, "s3cret-value\r\n");

    Settings settings = load(Map.of(), Map.of("VESTR_PASSWORD_FILE", "pw.txt"));

    assertThat(settings.get(Settings.VESTR_PASSWORD)).contains("s3cret-value");
    assertThat(settings.secretValues()).contains("s3cret-value");
  }

  @Test
  void aSecretFileInTheEnvironmentBeatsTheValueInThePropertiesFile() throws Exception {
    Files.writeString(work.resolve("pw.txt"), "from-secret-file");
    Files.writeString(work.resolve("integrated-sync.properties"), "VESTR_PASSWORD=from-properties\n");

    Settings settings = load(Map.of(), Map.of("VESTR_PASSWORD_FILE", "pw.txt"));

    assertThat(settings.get(Settings.VESTR_PASSWORD)).contains("from-secret-file");
    // the shadowed value is masked too
    assertThat(settings.secretValues()).contains("from-secret-file", "from-properties");
  }

  @Test
  void aSecretGivenTwiceInOnePlaceIsAnError() throws Exception {
    Files.writeString(work.resolve("pw.txt"), "x1234");

    assertThatThrownBy(
            () ->
                load(Map.of(), Map.of("VESTR_PASSWORD", "abcd1234", "VESTR_PASSWORD_FILE", "pw.txt"))
                    .get(Settings.VESTR_PASSWORD))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("set either VESTR_PASSWORD or VESTR_PASSWORD_FILE (environment), not both")
        .extracting(e -> ((ConfigurationException) e).setting())
        .isEqualTo("VESTR_PASSWORD");
  }

  @Test
  void anUnreadableOrEmptySecretFileIsNamed() throws Exception {
    // only when a task needs it: a broken file of a skipped task's secret does not matter
    Settings settings = load(Map.of(), Map.of("DATABASE_URL_FILE", "missing.txt"));
    assertThat(settings.get(Settings.SFTP_HOST)).isEmpty();
    assertThatThrownBy(() -> settings.get(Settings.DATABASE_URL))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("DATABASE_URL_FILE cannot be read: ");
    Files.writeString(work.resolve("empty.txt"), "\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of("DATABASE_URL_FILE", "empty.txt")).require(Settings.DATABASE_URL, "x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("DATABASE_URL_FILE names an empty file");
  }

  @Test
  void malformedValuesAreNamedAndSecretsAreNotQuoted() {
    Settings settings =
        load(
            Map.of(),
            Map.of(
                "CREDINVEST_SFTP_PORT", "twenty-two",
                "VESTR_FULL_SYNC_FROM", "2015-13-01",
                "VESTR_URL", "ftp://example.com"));

    assertThatThrownBy(() -> settings.integer(Settings.SFTP_PORT, 1, 65535))
        .hasMessage(
            "malformed setting CREDINVEST_SFTP_PORT from environment: expected a whole number from 1 to 65535 (got \"twenty-two\")");
    assertThatThrownBy(() -> settings.date(Settings.VESTR_FULL_SYNC_FROM))
        .hasMessageContaining("VESTR_FULL_SYNC_FROM");
    assertThatThrownBy(() -> settings.url(Settings.VESTR_URL)).hasMessageContaining("VESTR_URL");
    Settings secret = load(Map.of(), Map.of("DATABASE_URL", "not a url at all"));
    assertThatThrownBy(() -> secret.url(Settings.DATABASE_URL))
        .hasMessageContaining("DATABASE_URL")
        .hasMessageNotContaining("not a url at all");
  }

  @Test
  void aMissingSettingSaysWhereToSetIt() {
    assertThatThrownBy(() -> load(Map.of(), Map.of()).require(Settings.VESTR_PASSWORD, "the vestr-fees task"))
        .hasMessage(
            "missing setting VESTR_PASSWORD (or VESTR_PASSWORD_FILE), needed by the vestr-fees task: "
                + "set it in the environment or in integrated-sync.properties");
  }

  @Test
  void secretFilesWrittenOnWindowsAreReadAsTheirText() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Files.write(work.resolve("utf8-bom.txt"), concat(bom, "Vestr-Pass-1\r\n".getBytes(StandardCharsets.UTF_8)));
    byte[] utf16le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "Vestr-Pass-2\r\n".getBytes(StandardCharsets.UTF_16LE));
    Files.write(work.resolve("utf16le.txt"), utf16le);
    byte[] utf16be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "postgresql://u:p@h/db".getBytes(StandardCharsets.UTF_16BE));
    Files.write(work.resolve("utf16be.txt"), utf16be);

    assertThat(load(Map.of(), Map.of("VESTR_PASSWORD_FILE", "utf8-bom.txt")).get(Settings.VESTR_PASSWORD))
        .contains("Vestr-Pass-1");
    assertThat(load(Map.of(), Map.of("VESTR_PASSWORD_FILE", "utf16le.txt")).get(Settings.VESTR_PASSWORD))
        .contains("Vestr-Pass-2");
    assertThat(load(Map.of(), Map.of("DATABASE_URL_FILE", "utf16be.txt")).get(Settings.DATABASE_URL))
        .contains("postgresql://u:p@h/db");
  }

  @Test
  void aSecretFileThatIsNotTextIsNamedAndNeverSent() throws Exception {
    // UTF-16 without a byte-order mark, invalid UTF-8, and a binary file
    Files.write(work.resolve("nobom.txt"), "Vestr-Pass".getBytes(StandardCharsets.UTF_16LE));
    Files.write(work.resolve("latin1.txt"), "Passw\u00f6rd".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(work.resolve("binary.bin"), new byte[] {1, 2, 3, 0, 5});

    for (String file : new String[] {"nobom.txt", "latin1.txt", "binary.bin"}) {
      assertThatThrownBy(() -> load(Map.of(), Map.of("VESTR_PASSWORD_FILE", file)).get(Settings.VESTR_PASSWORD))
          .as(file)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("VESTR_PASSWORD_FILE names a file that is not text (UTF-8, or UTF-16 with a byte-order mark): ")
          .hasMessageEndingWith(file);
    }
  }

  @Test
  void thePropertiesFileMayBeUtf16WithAByteOrderMark() throws Exception {
    Files.write(
        work.resolve("integrated-sync.properties"),
        concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
            "DROPBOX_FOLDER=/cr\u00e9d\r\nCREDINVEST_SFTP_PORT=2222\r\n".getBytes(StandardCharsets.UTF_16LE)));

    Settings settings = load(Map.of(), Map.of());

    assertThat(settings.get(Settings.DROPBOX_FOLDER)).contains("/cr\u00e9d");
    assertThat(settings.get(Settings.SFTP_PORT)).contains("2222");
  }

  @Test
  void aKeyGivenTwiceInThePropertiesFileIsAnErrorNamingBothLines() throws Exception {
    Files.writeString(
        work.resolve("integrated-sync.properties"), "DROPBOX_FOLDER=/a\n# again\nDROPBOX_FOLDER=/b\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageEndingWith("line 3: DROPBOX_FOLDER is set twice (first on line 1)")
        .extracting(e -> ((ConfigurationException) e).setting())
        .isEqualTo("DROPBOX_FOLDER");
  }

  @Test
  void unknownNamesAreWarnedAboutWithTheNearestKnownName() throws Exception {
    Files.writeString(
        work.resolve("integrated-sync.properties"),
        "INTEGRATED_SYNC_TARGT_DIR=out\nDROPBOX_FOLDER=/cred\nCOMPLETELY_UNRELATED=1\n");
    Map<String, String> env =
        Map.of("VESTR_PASWORD", "x", "DROPBOX_UPLOAD_DEADLINE_X", "1", "PATH", "/bin", "VESTR_URL", "https://v");

    Settings settings = load(Map.of(), env);

    assertThat(settings.warnings())
        .containsExactly(
            "unknown setting INTEGRATED_SYNC_TARGT_DIR in " + work.resolve("integrated-sync.properties")
                + " line 1 is ignored (did you mean INTEGRATED_SYNC_TARGET_DIR?)",
            "unknown setting COMPLETELY_UNRELATED in " + work.resolve("integrated-sync.properties")
                + " line 3 is ignored",
            "unknown environment variable DROPBOX_UPLOAD_DEADLINE_X is ignored"
                + Settings.nearest("DROPBOX_UPLOAD_DEADLINE_X", Settings.knownNames()),
            "unknown environment variable VESTR_PASWORD is ignored (did you mean VESTR_PASSWORD?)");
    assertThat(Settings.knownNames())
        .contains("VESTR_PASSWORD_FILE", "CREDINVEST_SFTP_PRIVATE_KEY_FILE", "DROPBOX_RETRY_PASSES", "DATABASE_URL")
        .doesNotContain("integrated-sync.properties");
  }

  @Test
  void aDatabaseUrlIsMaskedByItsPasswordOnly() {
    assertThat(Settings.maskedParts("DATABASE_URL", "postgresql://sync@db:5432/fees")).isEmpty();
    assertThat(Settings.maskedParts("DATABASE_URL", "postgresql://sync:p%40ss@db/fees"))
        .containsExactlyInAnyOrder("p%40ss", "p@ss", "postgresql://sync:p%40ss@db/fees");
    assertThat(Settings.maskedParts("DATABASE_URL", "jdbc:postgresql://db/fees?user=sync&password=Pw-1&ssl=true"))
        .containsExactlyInAnyOrder("Pw-1", "jdbc:postgresql://db/fees?user=sync&password=Pw-1&ssl=true");
    assertThat(Settings.maskedParts("VESTR_PASSWORD", "abc")).containsExactly("abc");
  }

  @Test
  void aMalformedOptionIsNamedAsTheOption() {
    Settings settings = load(Map.of(Settings.FEE_DAYS, "lots"), Map.of());

    assertThatThrownBy(() -> settings.integer(Settings.FEE_DAYS, 0, 10))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("malformed option --fee-days: expected a whole number from 0 to 10 (got \"lots\")");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
