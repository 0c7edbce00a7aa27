package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.integratedsync.vestr.VestrSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VestrSettingsMappingTest {
  @TempDir Path work;

  private static Map<String, String> sessionLogin() {
    Map<String, String> env = new HashMap<>();
    env.put(Settings.VESTR_USERNAME, "ops");
    env.put(Settings.VESTR_PASSWORD, "Vestr-Password-1");
    env.put(Settings.VESTR_OTP_SECRET, "jbsw y3dp ehpk 3pxp");
    env.put(Settings.VESTR_AUTH_MODE, "session");
    return env;
  }

  @Test
  void totpParametersDefaultToKeycloaksAndCanBeChanged() {
    VestrSettings defaults =
        VestrFeesTask.vestrSettings(Settings.load(Map.of(), sessionLogin(), null, work), "test");
    assertThat(defaults.totpAlgorithm()).isEqualTo("HmacSHA1");
    assertThat(defaults.totpDigits()).isEqualTo(6);
    assertThat(defaults.totpPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.otpSecret()).isEqualTo("JBSWY3DPEHPK3PXP");

    Map<String, String> env = sessionLogin();
    env.put(Settings.VESTR_OTP_ALGORITHM, "sha256");
    env.put(Settings.VESTR_OTP_DIGITS, "8");
    env.put(Settings.VESTR_OTP_PERIOD, "60");
    VestrSettings changed = VestrFeesTask.vestrSettings(Settings.load(Map.of(), env, null, work), "test");
    assertThat(changed.totpAlgorithm()).isEqualTo("HmacSHA256");
    assertThat(changed.totpDigits()).isEqualTo(8);
    assertThat(changed.totpPeriod()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aSettingTheLibraryRefusesIsNamedByItsConfigurationName() {
    assertThat(VestrFeesTask.settingName("redirectUri")).isEqualTo(Settings.VESTR_OIDC_REDIRECT_URI);
    assertThat(VestrFeesTask.settingName("otpSecret")).isEqualTo(Settings.VESTR_OTP_SECRET);
    assertThat(VestrFeesTask.settingName("clientId")).isEqualTo(Settings.VESTR_OIDC_CLIENT_ID);
    assertThat(VestrFeesTask.settingName("graphqlUrl")).isEqualTo(Settings.VESTR_GRAPHQL_URL);
    assertThat(VestrFeesTask.settingName("vestrUrl")).isEqualTo(Settings.VESTR_URL);
  }
}
