package org.integratedsync.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropboxCredentialsTest {

  @TempDir Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("dropbox_credentials.json"), json);
  }

  @Test
  void readsTheThreeFieldsAndIgnoresOthers() throws IOException {
    Path file = write("{\"app_key\":\"key1\",\"app_secret\":\"s3cr3t\",\"refresh_token\":\"tok\",\"note\":1}");

    assertThat(DropboxCredentials.fromJsonFile(file)).isEqualTo(new DropboxCredentials("key1", "s3cr3t", "tok"));
  }

  @Test
  void toStringMasksTheSecrets() {
    String text = new DropboxCredentials("key1", "s3cr3t", "tok-value").toString();

    assertThat(text).contains("key1").doesNotContain("s3cr3t").doesNotContain("tok-value");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("absent.json");

    assertThatThrownBy(() -> DropboxCredentials.fromJsonFile(file)).isInstanceOf(CredentialsFileException.class)
        .hasMessageContaining("not found").hasMessageContaining(file.toString());
  }

  @Test
  void brokenJsonIsReportedWithoutEchoingTheContent() throws IOException {
    Path file = write("{\"app_key\":\"key1\",\"app_secret\":\"s3cr3t-value\" \"refresh_token\":\"tok-value\"}");

    assertThatThrownBy(() -> DropboxCredentials.fromJsonFile(file))
        .isInstanceOfSatisfying(CredentialsFileException.class, e -> {
          assertThat(e.getMessage()).contains("not valid JSON").contains("line 1")
              .doesNotContain("s3cr3t-value").doesNotContain("tok-value");
          assertThat(e.getCause()).isNull();
          assertThat(e.file()).isEqualTo(file);
        });
  }

  @Test
  void aMissingOrEmptyFieldIsNamed() throws IOException {
    Path missing = write("{\"app_key\":\"key1\",\"app_secret\":\"s3cr3t\"}");
    assertThatThrownBy(() -> DropboxCredentials.fromJsonFile(missing)).hasMessageContaining("\"refresh_token\"");

    Path empty = write("{\"app_key\":\"key1\",\"app_secret\":\"  \",\"refresh_token\":\"tok\"}");
    assertThatThrownBy(() -> DropboxCredentials.fromJsonFile(empty)).hasMessageContaining("\"app_secret\"");

    Path notObject = write("[1,2]");
    assertThatThrownBy(() -> DropboxCredentials.fromJsonFile(notObject)).hasMessageContaining("JSON object");
  }

  @Test
  void blankPartsAreRefused() {
    assertThatThrownBy(() -> new DropboxCredentials("k", "", "t"))
        .isInstanceOfSatisfying(DropboxConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("appSecret"))
        .hasMessage("Dropbox app secret is missing or empty");
  }
}
