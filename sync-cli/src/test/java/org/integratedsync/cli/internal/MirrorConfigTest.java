package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.integratedsync.dropbox.DropboxCredentials;
import org.integratedsync.dropbox.DropboxFolderTarget;
import org.integratedsync.dropbox.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DROPBOX_UPLOAD_DEADLINE (how long rate-limited uploads keep being retried) and DROPBOX_FOLDER. */
class MirrorConfigTest {
  @TempDir Path work;

  private Settings settings(Map<String, String> env) {
    return Settings.load(Map.of(), env, null, work);
  }

  private MirrorConfig dropbox(String deadline) {
    return dropbox(deadline, null);
  }

  private MirrorConfig dropbox(String deadline, String folder) {
    Map<String, String> env = new HashMap<>(Map.of("DROPBOX_APP_KEY", "key", "DROPBOX_APP_SECRET",
        "secret", "DROPBOX_REFRESH_TOKEN", "token"));
    if (deadline != null) {
      env.put("DROPBOX_UPLOAD_DEADLINE", deadline);
    }
    if (folder != null) {
      env.put("DROPBOX_FOLDER", folder);
    }
    return MirrorConfig.from(settings(env), "the test", new SecretMasker());
  }

  @Test
  void theDefaultIsFifteenMinutes() {
    assertThat(dropbox(null).retry().uploadDeadline()).isEqualTo(Duration.ofMinutes(15))
        .isEqualTo(RetrySettings.DEFAULT_UPLOAD_DEADLINE);
  }

  @ParameterizedTest
  @CsvSource({"15m,PT15M", "90s,PT1M30S", "1h,PT1H", "PT20M,PT20M", "pt2m,PT2M", "45 M,PT45M"})
  void shortAndIsoDurationsAreAccepted(String value, String expected) {
    assertThat(dropbox(value).retry().uploadDeadline()).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"15", "0s", "soon", "25h", "-PT1M", "P2D", "15 minutes"})
  void anythingElseIsNamedInOneLine(String value) {
    assertThatThrownBy(() -> dropbox(value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DROPBOX_UPLOAD_DEADLINE")
        .hasMessageContaining("15m")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cred", "/", "/cred/../x", "/cred//x", "//cred"})
  void aBadFolderIsRefusedWithTheLibrarysRuleAndMessage(String value) {
    String libraryMessage = catchIllegalArgument(value);

    assertThatThrownBy(() -> dropbox(null, value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("malformed setting DROPBOX_FOLDER: " + libraryMessage);
  }

  @ParameterizedTest
  @CsvSource({"/cred,/cred", "/cred/,/cred", "/Reports/Cred,/Reports/Cred"})
  void aGoodFolderIsAccepted(String value, String folder) {
    try (DropboxFolderTarget target = dropbox(null, value).dropbox()) {
      assertThat(target.folder()).isEqualTo(folder);
    }
  }

  private static String catchIllegalArgument(String folder) {
    try {
      DropboxFolderTarget.builder(new DropboxCredentials("k", "s", "t")).folder(folder);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("the library accepted " + folder);
  }
}
