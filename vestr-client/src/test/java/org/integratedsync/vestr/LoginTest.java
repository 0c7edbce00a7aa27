package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.integratedsync.testkit.time.SettableClock;
import org.integratedsync.testkit.vestr.LoginTheme;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The login against the testkit's Keycloak-style fake: page variants, each error page, tokens. */
class LoginTest {
  private VestrFake fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private VestrFake start(VestrFake.Builder builder) {
    fake = builder.build().start();
    return fake;
  }

  private static VestrSettings.Builder oidc(VestrFake fake) {
    return VestrSettings.builder()
        .vestrUrl(fake.url())
        .oidcIssuer(fake.issuer())
        .clientId(fake.clientId())
        .redirectUri(fake.redirectUri())
        .username(fake.username())
        .password(fake.password())
        .otpSecret(fake.otpSecret());
  }

  private static VestrSettings.Builder session(VestrFake fake) {
    return oidc(fake).authMode(AuthMode.SESSION).vestrUrl(fake.appUrl()).graphqlUrl(fake.graphqlUrl());
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void oidcLoginWorksWithEachTheme(LoginTheme theme) {
    start(VestrFake.builder().theme(theme));
    VestrClient client = VestrClient.create(oidc(fake).build());

    client.login();

    assertThat(client.accessToken()).startsWith("fake-at-");
    assertThat(fake.logins()).isEqualTo(1);
    assertThat(fake.passwordAttempts()).isEqualTo(1);
    assertThat(fake.otpAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void extraHiddenFieldIsPostedBack(LoginTheme theme) {
    // the fake answers an error page unless the hidden field comes back with its value
    start(VestrFake.builder().theme(theme).extraHiddenField(true));
    VestrClient client = VestrClient.create(oidc(fake).build());

    client.login();

    assertThat(fake.logins()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void formPostResponseIsReadForTheCode(LoginTheme theme) {
    start(VestrFake.builder().theme(theme).formPost(true));
    VestrClient client = VestrClient.create(oidc(fake).build());

    client.login();

    assertThat(client.accessToken()).startsWith("fake-at-");
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void sessionModeEndsOnTheAppWithItsCookie(LoginTheme theme) {
    start(VestrFake.builder().theme(theme).formPost(theme == LoginTheme.CUSTOM));
    VestrClient client = VestrClient.create(session(fake).build());

    client.login();

    assertThat(fake.logins()).isEqualTo(1);
    assertThatThrownBy(client::accessToken).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void profileUpdatePageIsReportedNotLoopedOn(LoginTheme theme) {
    start(VestrFake.builder().theme(theme).profileUpdateRequired(true));
    VestrClient client = VestrClient.create(oidc(fake).build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(UnexpectedPageException.class, e -> {
          assertThat(e.title()).contains("Update Account Information");
          if (theme != LoginTheme.KEYCLOAK_LEGACY) {
            assertThat(e.pageId()).isEqualTo("login-login-update-profile");
          }
        })
        .hasMessageContaining("browser");
    assertThat(fake.otpAttempts()).isEqualTo(1);
  }

  @Test
  void profileUpdatePageInSessionModeIsNotMistakenForTheApp() {
    // the fake serves the app and the login pages from one origin, like a reverse proxy would
    start(VestrFake.builder().profileUpdateRequired(true));
    VestrClient client = VestrClient.create(session(fake).build());

    assertThatThrownBy(client::login).isInstanceOfSatisfying(UnexpectedPageException.class,
        e -> assertThat(e.pageId()).isEqualTo("login-login-update-profile"));
  }

  @Test
  void updatePasswordPageIsReportedNotFilledIn() throws IOException {
    String page = "<html><head><title>Update password</title></head>"
        + "<body data-page-id=\"login-login-update-password\"><form id=\"kc-passwd-update-form\" "
        + "action=\"/realms/x/login-actions/required-action?execution=UPDATE_PASSWORD&amp;tab_id=1\" method=\"post\">"
        + "<input type=\"password\" name=\"password-new\"><input type=\"password\" name=\"password-confirm\">"
        + "<input type=\"submit\" value=\"Submit\"></form></body></html>";
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (request.getUrl().encodedPath().endsWith("openid-configuration")) {
            String base = "http://127.0.0.1:" + request.getUrl().port();
            return new MockResponse.Builder().code(200).body("{\"authorization_endpoint\":\"" + base
                + "/auth\",\"token_endpoint\":\"" + base + "/token\"}").build();
          }
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
              .body(page).build();
        }
      });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      VestrClient client = VestrClient.create(VestrSettings.builder()
          .oidcIssuer(URI.create("http://127.0.0.1:" + server.getPort()))
          .clientId("c").redirectUri(URI.create("http://127.0.0.1/cb"))
          .username("u").password("p").otpSecret("JBSWY3DP").build());

      assertThatThrownBy(client::login).isInstanceOfSatisfying(UnexpectedPageException.class, e -> {
        assertThat(e.pageId()).isEqualTo("login-login-update-password");
        assertThat(e.title()).isEqualTo("Update password");
      });
      assertThat(server.getRequestCount()).as("discovery and one page, nothing posted").isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void wrongPasswordIsReportedWithTheServersMessage(LoginTheme theme) {
    start(VestrFake.builder().theme(theme));
    VestrClient client = VestrClient.create(oidc(fake).password("Wr0ng-Passw0rd").build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(InvalidCredentialsException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("Invalid username or password."))
        .hasMessageNotContaining("Wr0ng-Passw0rd");
    assertThat(fake.passwordAttempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void wrongOtpIsRetriedOnceThenReported(LoginTheme theme) {
    start(VestrFake.builder().theme(theme));
    String wrongSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    VestrClient client = VestrClient.create(oidc(fake).otpSecret(wrongSecret).build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(InvalidOtpException.class,
            e -> assertThat(e.serverMessage()).isEqualTo("Invalid authenticator code."))
        .hasMessageNotContaining(wrongSecret);
    assertThat(fake.otpAttempts()).isEqualTo(2);
  }

  @Test
  void secondLoginInTheSameStepUsesTheNextStepsCode() {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:05Z"));
    start(VestrFake.builder().clock(clock));

    VestrClient.create(oidc(fake).build(), clock).login();
    VestrClient.create(oidc(fake).build(), clock).login();

    assertThat(fake.logins()).isEqualTo(2);
    // first login one code; second login: the reused code, then the next step's
    assertThat(fake.otpAttempts()).isEqualTo(3);
  }

  @Test
  void disabledAccountIsReported() {
    start(VestrFake.builder().accountDisabled(true));
    VestrClient client = VestrClient.create(oidc(fake).build());

    assertThatThrownBy(client::login)
        .isInstanceOfSatisfying(AccountDisabledException.class,
            e -> assertThat(e.serverMessage()).contains("Account is disabled"));
  }

  @ParameterizedTest
  @EnumSource(LoginTheme.class)
  void expiredPageIsReported(LoginTheme theme) {
    start(VestrFake.builder().theme(theme).expireAfterPassword(true));
    VestrClient client = VestrClient.create(oidc(fake).build());

    assertThatThrownBy(client::login).isInstanceOf(LoginExpiredException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void errorPageMessageIsReported() {
    start(VestrFake.builder().errorPage("Cookie not found. Please make sure cookies are enabled in your browser."));
    VestrClient client = VestrClient.create(oidc(fake).build());

    assertThatThrownBy(client::login)
        .isExactlyInstanceOf(LoginException.class)
        .satisfies(e -> {
          LoginException login = (LoginException) e;
          assertThat(login.pageId()).isEqualTo("login-error");
          assertThat(login.serverMessage()).startsWith("Cookie not found.");
        });
  }

  @Test
  void expiredActionErrorPageIsAnExpiry() {
    start(VestrFake.builder().errorPage("Action expired. Please continue with login now."));
    VestrClient client = VestrClient.create(oidc(fake).build());

    assertThatThrownBy(client::login).isInstanceOf(LoginExpiredException.class);
  }

  @Test
  void wrongClientIdIsReportedFromTheErrorPage() {
    start(VestrFake.builder());
    VestrClient client = VestrClient.create(oidc(fake).clientId("unknown").build());

    assertThatThrownBy(client::login).isInstanceOf(LoginException.class)
        .hasMessageContaining("Client not found.");
  }

  @Test
  void expiredAccessTokenIsRefreshedAndARefusedRefreshLeadsToANewLogin() {
    SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:05Z"));
    start(VestrFake.builder().clock(clock).accessTokenLifetime(Duration.ofMinutes(5)));
    VestrClient client = VestrClient.create(oidc(fake).build(), clock);
    String first = client.accessToken();

    clock.advance(Duration.ofSeconds(200));
    assertThat(client.accessToken()).as("still valid for more than the margin").isEqualTo(first);

    clock.advance(Duration.ofSeconds(80)); // 20 s left: inside the 30 s margin
    String refreshed = client.accessToken();
    assertThat(refreshed).isNotEqualTo(first);
    assertThat(fake.refreshes()).isEqualTo(1);
    assertThat(fake.logins()).isEqualTo(1);

    fake.refuseRefresh(true);
    clock.advance(Duration.ofMinutes(6));
    String relogged = client.accessToken();
    assertThat(relogged).isNotIn(first, refreshed);
    assertThat(fake.logins()).isEqualTo(2);
  }

  @Test
  void redirectLoopIsStopped() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (request.getUrl().encodedPath().endsWith("openid-configuration")) {
            String base = "http://127.0.0.1:" + request.getUrl().port();
            return new MockResponse.Builder().code(200).body("{\"authorization_endpoint\":\"" + base
                + "/auth\",\"token_endpoint\":\"" + base + "/token\"}").build();
          }
          return new MockResponse.Builder().code(302).setHeader("Location", "/auth?again").build();
        }
      });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      VestrClient client = VestrClient.create(VestrSettings.builder()
          .oidcIssuer(URI.create("http://127.0.0.1:" + server.getPort()))
          .clientId("c").redirectUri(URI.create("http://127.0.0.1/cb"))
          .username("u").password("p").otpSecret("JBSWY3DP").maxRedirects(8).build());

      assertThatThrownBy(client::login).isExactlyInstanceOf(LoginException.class)
          .hasMessageContaining("redirect loop").hasMessageNotContaining("again");
      assertThat(server.getRequestCount()).isEqualTo(1 + 8);
    }
  }

  @Test
  void unreachableIssuerIsAConnectionError() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    VestrClient client = VestrClient.create(VestrSettings.builder()
        .oidcIssuer(URI.create("http://127.0.0.1:" + port + "/realms/x"))
        .clientId("c").redirectUri(URI.create("http://127.0.0.1/cb"))
        .username("u").password("p").otpSecret("JBSWY3DP").build());

    assertThatThrownBy(client::login).isInstanceOf(VestrConnectionException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }
}
