package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
