package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every invalid setting is a {@link VestrConfigurationException} naming the setting, never its secret value. */
class VestrConfigurationExceptionTest {
  private static VestrSettings.Builder valid() {
    return VestrSettings.builder()
        .username("u")
        .password("pa55-secret")
        .otpSecret("JBSWY3DPEHPK3PXP")
        .oidcIssuer(URI.create("https://sso.example.org/realms/vestr"))
        .clientId("integrated-sync")
        .redirectUri(URI.create("http://127.0.0.1/callback"));
  }

  private static void assertNames(String setting, UnaryOperator<VestrSettings.Builder> spoil) {
    VestrSettings.Builder builder = spoil.apply(valid());
    assertThatThrownBy(builder::build)
        .as(setting)
        .isInstanceOf(IllegalArgumentException.class) // older catch blocks keep working
        .isInstanceOfSatisfying(VestrConfigurationException.class, e -> assertThat(e.setting()).isEqualTo(setting))
        .hasMessageContaining(setting)
        .hasMessageNotContaining("pa55-secret")
        .hasMessageNotContaining("not-base32-0189");
  }

  @Test
  void eachInvalidSettingIsNamed() {
    assertNames("vestrUrl", b -> b.vestrUrl(URI.create("ftp://x")));
    assertNames("username", b -> b.username(" "));
    assertNames("password", b -> b.password(""));
    assertNames("otpSecret", b -> b.otpSecret("not-base32-0189"));
    assertNames("oidcIssuer", b -> b.oidcIssuer(null));
    assertNames("clientId", b -> b.clientId(null));
    assertNames("redirectUri", b -> b.redirectUri(URI.create("file:///callback")));
    assertNames("graphqlUrl", b -> b.graphqlUrl(URI.create("mailto:ops@example.org")));
    assertNames("totpAlgorithm", b -> b.totpAlgorithm("MD5"));
    assertNames("totpDigits", b -> b.totpDigits(9));
    assertNames("totpPeriod", b -> b.totpPeriod(Duration.ZERO));
    assertNames("requestTimeout", b -> b.requestTimeout(Duration.ofSeconds(-1)));
  }
}
