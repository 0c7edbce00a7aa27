package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The login against a real Keycloak (keycloak.v2 theme) with the test realm: each test signs in as
 * its own user, because Keycloak refuses a one-time code that user has already used.
 */
@ExtendWith(KeycloakServer.class)
class KeycloakLoginIT {
  // base32 of the raw secret "12345678901234567890" imported into the realm (test-only credential)
  private static final String OTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  private final ObjectMapper json = new ObjectMapper();

  private static VestrSettings.Builder settings(String user) {
    return VestrSettings.builder()
        .vestrUrl(URI.create("http://127.0.0.1:9"))
        .authMode(AuthMode.OIDC)
        .oidcIssuer(KeycloakServer.issuer())
        .clientId("integrated-sync")
        .redirectUri(URI.create("http://127.0.0.1/callback"))
        .username(user)
        .password("correct horse " + user)
        .otpSecret(OTP_SECRET);
  }

  @Test
  void loginSucceedsAndTheAccessTokenWorksOnUserinfo() throws Exception {
    VestrClient client = VestrClient.create(settings("alice").build());

    client.login();

    JsonNode userinfo = userinfo(client.accessToken());
    assertThat(userinfo.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(userinfo.path("email").asText()).isEqualTo("alice@example.org");
  }

  @Test
  void wrongPasswordGivesKeycloaksMessage() {
    VestrClient client = VestrClient.create(settings("dave").password("not the password").build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(InvalidCredentialsException.class, e -> {
          assertThat(e.serverMessage()).isEqualTo("Invalid username or password.");
          assertThat(e.pageId()).isEqualTo("login-login");
        })
        .hasMessageNotContaining("not the password");
  }

  @Test
  void wrongOtpSecretGivesKeycloaksMessageAfterTheRetry() {
    VestrClient client = VestrClient.create(
        settings("erin").otpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(InvalidOtpException.class, e -> {
          assertThat(e.serverMessage()).isEqualTo("Invalid authenticator code.");
          assertThat(e.pageId()).isEqualTo("login-login-otp");
        })
        .hasMessageNotContaining("JBSWY3DP");
  }

  @Test
  void disabledAccountIsReportedAsSuch() {
    VestrClient client = VestrClient.create(settings("frank").build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(AccountDisabledException.class,
            e -> assertThat(e.serverMessage()).contains("disabled"));
  }

  @Test
  void profileUpdatePageIsReportedNotLoopedOn() {
    // gina has no e-mail and no names, so Keycloak asks for them after the one-time code
    VestrClient client = VestrClient.create(settings("gina").build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(UnexpectedPageException.class,
            e -> assertThat(e.pageId()).contains("update-profile"));
  }

  @Test
  void twoLoginsInsideOneTimeStepBothSucceed() throws Exception {
    // a clock standing still: both logins compute the same step's code; Keycloak refuses it the
    // second time and the client retries with the next step's code
    Clock frozen = Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC);
    VestrClient first = VestrClient.create(settings("bob").build(), frozen);
    VestrClient second = VestrClient.create(settings("bob").build(), frozen);

    first.login();
    second.login();

    assertThat(userinfo(first.accessToken()).path("preferred_username").asText()).isEqualTo("bob");
    assertThat(userinfo(second.accessToken()).path("preferred_username").asText()).isEqualTo("bob");
  }

  @Test
  void expiredAccessTokenIsRefreshed() throws Exception {
    SettableClock clock = new SettableClock(Instant.now());
    VestrClient client = VestrClient.create(settings("carol").build(), clock);
    client.login();
    String before = client.accessToken();

    // the realm's access tokens live 300 s; past that the client must refresh before using it
    clock.advance(Duration.ofSeconds(301));
    String after = client.accessToken();

    assertThat(after).isNotEqualTo(before);
    assertThat(userinfo(after).path("preferred_username").asText()).isEqualTo("carol");
  }

  private JsonNode userinfo(String accessToken) throws Exception {
    URI uri = URI.create(KeycloakServer.issuer() + "/protocol/openid-connect/userinfo");
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("userinfo status").isEqualTo(200);
    return json.readTree(response.body());
  }
}
