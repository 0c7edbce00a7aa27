package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  @Test
  void masksEveryOccurrence() {
    SecretMasker masker = new SecretMasker(List.of("hunter22"));

    assertThat(masker.mask("pw=hunter22, again hunter22")).isEqualTo("pw=****, again ****");
  }

  @Test
  void masksTheLongerOfTwoOverlappingSecretsWhole() {
    SecretMasker masker = new SecretMasker(List.of("abcd", "abcdefgh"));

    assertThat(masker.mask("x abcdefgh y abcd")).isEqualTo("x **** y ****");
  }

  @Test
  void masksThePasswordInsideADatabaseUrlAlsoWhenEncoded() {
    SecretMasker masker =
        new SecretMasker(List.of("postgresql://sync:p%40ss%3Aword@db.example.com:5432/fees?sslmode=require"));

    assertThat(masker.mask("connecting as sync with p@ss:word")).isEqualTo("connecting as sync with ****");
    assertThat(masker.mask("jdbc:postgresql://db.example.com/fees?password=p%40ss%3Aword"))
        .doesNotContain("p%40ss%3Aword");
  }

  @Test
  void masksThePasswordParameterOfAJdbcUrl() {
    SecretMasker masker =
        new SecretMasker(List.of("jdbc:postgresql://localhost/fees?user=sync&password=Tr0ub4dor&ssl=true"));

    assertThat(masker.mask("auth failed for password Tr0ub4dor")).isEqualTo("auth failed for password ****");
  }

  @Test
  void masksEachLineOfAPemKey() {
    String pem =
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            + "QyNTUxOQAAACDvQ5Yv0vSx\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";
    SecretMasker masker = new SecretMasker(List.of(pem));

    assertThat(masker.mask("bad key line b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"))
        .isEqualTo("bad key line ****");
    assertThat(masker.mask("-----BEGIN OPENSSH PRIVATE KEY-----")).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
  }

  @Test
  void leavesVeryShortValuesAndOtherTextAlone() {
    SecretMasker masker = new SecretMasker(List.of("abc"));

    assertThat(masker.mask("abc def")).isEqualTo("abc def");
    assertThat(masker.isEmpty()).isTrue();
  }

  @Test
  void secretsLearnedLaterAreMaskedToo() {
    SecretMasker masker = new SecretMasker();
    masker.addAll(List.of("sl.access-token-123"));

    assertThat(masker.mask("Bearer sl.access-token-123")).isEqualTo("Bearer ****");
  }
}
