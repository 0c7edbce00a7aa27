package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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

  @Test
  void toBuilderMakesAnEqualVariant() {
    VestrSettings original = valid().build();
    VestrSettings copy = original.toBuilder().scope("openid profile").build();
    assertThat(copy.scope()).isEqualTo("openid profile");
    assertThat(copy.password()).isEqualTo(original.password());
    assertThat(original.scope()).isEqualTo("openid");
  }
}
