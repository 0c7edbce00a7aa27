package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SftpSettingsTest {

  private static final String FINGERPRINT = "SHA256:" + "A".repeat(42) + "E";

  private static SftpSettings.Builder valid() {
    return SftpSettings.builder("sftp.example.com", "user").password("pw-secret").hostKeyFingerprint(FINGERPRINT);
  }

  @Test
  void defaults() {
    SftpSettings s = SftpSettings.builder("h", "u").password("p").build();

    assertThat(s.port()).isEqualTo(22);
    assertThat(s.parallelism()).isEqualTo(4);
    assertThat(s.remoteDir()).isEmpty();
    assertThat(s.knownHostsFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    assertThat(s.acceptAnyHostKey()).isFalse();
    assertThat(s.maxRetries()).isEqualTo(3);
    assertThat(s.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void toStringHidesSecrets() {
    SftpSettings s = valid().privateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nkey-material\n")
        .privateKeyPassphrase("phrase-secret").build();

    assertThat(s.toString()).contains("user@sftp.example.com:22", FINGERPRINT, "password=***")
        .doesNotContain("pw-secret", "key-material", "phrase-secret");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("host", (UnaryOperator<SftpSettings.Builder>) b -> SftpSettings.builder(" ", "u").password("p")),
        Arguments.of("username", (UnaryOperator<SftpSettings.Builder>) b -> SftpSettings.builder("h", null).password("p")),
        Arguments.of("port", (UnaryOperator<SftpSettings.Builder>) b -> b.port(0)),
        Arguments.of("password", (UnaryOperator<SftpSettings.Builder>) b -> b.password(null)),
        Arguments.of("privateKey", (UnaryOperator<SftpSettings.Builder>) b -> b.privateKey("k").privateKeyFile(Path.of("f"))),
        Arguments.of("hostKeyFingerprint", (UnaryOperator<SftpSettings.Builder>) b -> b.hostKeyFingerprint("MD5:aa:bb")),
        Arguments.of("hostKeyFingerprint", (UnaryOperator<SftpSettings.Builder>) b -> b.hostKeyFingerprint("SHA256:short")),
        Arguments.of("hostKeyFingerprint", (UnaryOperator<SftpSettings.Builder>) b -> b.knownHostsFile(Path.of("kh"))),
        Arguments.of("acceptAnyHostKey", (UnaryOperator<SftpSettings.Builder>) b -> b.acceptAnyHostKey()),
        Arguments.of("parallelism", (UnaryOperator<SftpSettings.Builder>) b -> b.parallelism(10)),
        Arguments.of("parallelism", (UnaryOperator<SftpSettings.Builder>) b -> b.parallelism(0)),
        Arguments.of("connectTimeout", (UnaryOperator<SftpSettings.Builder>) b -> b.connectTimeout(Duration.ZERO)),
        Arguments.of("maxRetries", (UnaryOperator<SftpSettings.Builder>) b -> b.retries(-1, Duration.ZERO, Duration.ZERO)),
        Arguments.of("maxRetryBackoff",
            (UnaryOperator<SftpSettings.Builder>) b -> b.retries(1, Duration.ofSeconds(2), Duration.ofSeconds(1))));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("invalid")
  void invalidSettingsNameTheSetting(String setting, UnaryOperator<SftpSettings.Builder> change) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfSatisfying(SourceConfigurationException.class, e -> {
          assertThat(e.setting()).isEqualTo(setting);
          assertThat(e.getMessage()).doesNotContain("pw-secret");
        });
  }

  @Test
  void paddedFingerprintIsAccepted() {
    assertThat(valid().hostKeyFingerprint(FINGERPRINT + "=").build().hostKeyFingerprint()).endsWith("=");
  }
}
