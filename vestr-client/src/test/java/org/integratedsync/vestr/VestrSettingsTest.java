package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.integratedsync.vestr.internal.Totp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VestrSettingsTest {
  private static VestrSettings.Builder valid() {
    return VestrSettings.builder()
        .username("u")
        .password("pa55-secret")
        .otpSecret("JBSWY3DPEHPK3PXP")
        .oidcIssuer(URI.create("https://sso.example.org/realms/vestr/"))
        .clientId("integrated-sync")
        .clientSecret("client-secret-value")
        .redirectUri(URI.create("http://127.0.0.1/callback"));
  }

  @Test
  void defaults() {
    VestrSettings settings = valid().build();

    assertThat(settings.vestrUrl()).isEqualTo(URI.create("https://aisfg.delta.vestr.com"));
    assertThat(settings.graphqlUrl()).isEqualTo(URI.create("https://aisfg.delta.vestr.com/graphql"));
    assertThat(settings.authMode()).isEqualTo(AuthMode.OIDC);
    assertThat(settings.scope()).isEqualTo("openid");
    assertThat(settings.totpAlgorithm()).isEqualTo("HmacSHA1");
    assertThat(settings.totpDigits()).isEqualTo(6);
    assertThat(settings.totpPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.oidcIssuer()).isEqualTo(URI.create("https://sso.example.org/realms/vestr"));
    assertThat(settings.queryFile()).isEmpty();
  }

  @Test
  void graphqlUrlFollowsTheVestrUrl() {
    VestrSettings settings = valid().vestrUrl(URI.create("http://127.0.0.1:8080/")).build();
    assertThat(settings.graphqlUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/graphql"));
  }

  @Test
  void toStringMasksEverySecret() {
    String text = valid().build().toString();
    assertThat(text).doesNotContain("pa55-secret", "JBSWY3DPEHPK3PXP", "client-secret-value")
        .contains("password=****", "otpSecret=****", "clientSecret=****", "username=u");
  }

  @Test
  void oidcModeNeedsIssuerClientAndRedirect() {
    assertThatThrownBy(() -> valid().oidcIssuer(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oidcIssuer");
    assertThatThrownBy(() -> valid().clientId(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    assertThatThrownBy(() -> valid().redirectUri(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redirectUri");
  }

  @Test
  void sessionModeNeedsNoOidcSettings() {
    VestrSettings settings = valid().authMode(AuthMode.SESSION).oidcIssuer(null).clientId(null)
        .redirectUri(null).build();
    assertThat(settings.authMode()).isEqualTo(AuthMode.SESSION);
  }

  @Test
  void invalidValuesAreNamedWithoutRevealingSecrets() {
    assertThatThrownBy(() -> valid().otpSecret("not base32 1!").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("otpSecret")
        .hasMessageNotContaining("not base32 1!");
    assertThatThrownBy(() -> valid().password("").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
    assertThatThrownBy(() -> valid().totpDigits(9).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totpDigits");
    assertThatThrownBy(() -> valid().totpAlgorithm("MD5").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totpAlgorithm");
    assertThatThrownBy(() -> valid().totpPeriod(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totpPeriod");
    assertThatThrownBy(() -> valid().vestrUrl(URI.create("ftp://x")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vestrUrl");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "JBSWY3DPEHPK3PXP",
    "jbswy3dpehpk3pxp",
    "JBSW Y3DP EHPK 3PXP",
    "jbsw y3dp\tehpk\n3pxp",
    "  JBSWY3DPEHPK3PXP  ",
    "JBSWY3DPEHPK3PXP=",
    "JBSWY3DPEHPK3PXP======",
    "jbsw y3dp ehpk 3pxp =="
  })
  void otpSecretIsNormalisedOnceWhateverTheNotation(String notation) {
    assertThat(VestrSettings.normaliseOtpSecret(notation)).isEqualTo("JBSWY3DPEHPK3PXP");
    assertThat(valid().otpSecret(notation).build().otpSecret()).isEqualTo("JBSWY3DPEHPK3PXP");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "====", "JBSW=Y3DP", "JBSWY3DP1", "JBSW-Y3DP", "JBSWY3DPÉ", "JBSWY3D0", "jbswy3dpehpk3pxp\u0131", "\u017fbswy3dp"})
  void otpSecretOutsideBase32IsRejectedWithoutRepeatingIt(String notation) {
    assertThatThrownBy(() -> VestrSettings.normaliseOtpSecret(notation))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("otpSecret must be base32");
    if (!notation.isBlank()) {
      assertThatThrownBy(() -> valid().otpSecret(notation).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("otpSecret")
          .hasMessageNotContaining(notation.trim());
    }
  }

  @Test
  void aNormalisedSecretGivesTheSameCodesAsTheRawKey() {
    // the RFC 6238 SHA-1 seed "12345678901234567890", written as an authenticator app shows it
    VestrSettings settings = valid().otpSecret("gezd gnbv gy3t qojq gezd gnbv gy3t qojq====").build();
    Totp totp = Totp.fromBase32(settings.otpSecret(), "HmacSHA1", 8, Duration.ofSeconds(30));
    assertThat(totp.code(Instant.ofEpochSecond(59))).isEqualTo("94287082");
  }

  @Test
  void toBuilderMakesAnEqualVariant() {
    VestrSettings original = valid().build();
    VestrSettings copy = original.toBuilder().scope("openid profile").build();
    assertThat(copy.scope()).isEqualTo("openid profile");
    assertThat(copy.password()).isEqualTo(original.password());
    assertThat(original.scope()).isEqualTo("openid");
  }
}
