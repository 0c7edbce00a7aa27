package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VestrClient#probe}: one GraphQL request with {@code first: 1} after signing in, so a wrong
 * endpoint or authentication mode is found by {@code doctor} instead of by the next run.
 */
class ProbeTest {
  private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2025, 4, 10);

  private VestrFake fake;
  private HttpServer staticSite;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
    if (staticSite != null) {
      staticSite.stop(0);
    }
  }

  private VestrSettings.Builder settings(AuthMode mode) {
    return VestrSettings.builder()
        .vestrUrl(mode == AuthMode.SESSION ? fake.appUrl() : fake.url())
        .graphqlUrl(fake.graphqlUrl())
        .authMode(mode)
        .oidcIssuer(fake.issuer())
        .clientId(fake.clientId())
        .redirectUri(fake.redirectUri())
        .username(fake.username())
        .password(fake.password())
        .otpSecret(fake.otpSecret());
  }

  @Test
  void aProbeSendsOneQueryForOneDayWithFirstOneInOidcMode() {
    probeIn(AuthMode.OIDC);
  }

  @Test
  void aProbeSendsOneQueryForOneDayWithFirstOneInSessionMode() {
    probeIn(AuthMode.SESSION);
  }

  private void probeIn(AuthMode mode) {
    fake = VestrFake.builder().records(400).bookingDates(FIRST, LAST).build().start();
    LocalDate day = LocalDate.of(2025, 2, 3);
    assertThat(fake.count(day, day)).as("records on the probed day").isGreaterThan(1);
    VestrClient client = VestrClient.create(settings(mode).build());

    int records = client.probe(day);

    assertThat(records).isEqualTo(1);
    assertThat(fake.graphQlRequests()).as("GraphQL requests").isEqualTo(1);
    assertThat(fake.recordsServed()).as("records served").isEqualTo(1);
    assertThat(client.probe(LocalDate.of(2030, 1, 1))).as("a day without fees").isZero();
  }

  @Test
  void aWrongGraphQlUrlFailsTheProbe() {
    fake = VestrFake.builder().records(10).bookingDates(FIRST, LAST).build().start();
    VestrClient client =
        VestrClient.create(settings(AuthMode.OIDC).graphqlUrl(fake.url().resolve("/no-such-api")).build());

    assertThatThrownBy(() -> client.probe(FIRST)).isInstanceOf(VestrException.class);
  }

  @Test
  void sessionModeAgainstAPlainStaticWebServerFailsTheProbeThoughTheLoginPasses() throws Exception {
    staticSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger posts = new AtomicInteger();
    staticSite.createContext("/", exchange -> {
      if ("POST".equals(exchange.getRequestMethod())) {
        posts.incrementAndGet();
        exchange.sendResponseHeaders(405, -1);
      } else if (exchange.getRequestURI().getPath().equals("/")) {
        byte[] page = "<html><body><h1>Welcome</h1></body></html>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    staticSite.start();
    URI site = URI.create("http://127.0.0.1:" + staticSite.getAddress().getPort() + "/");
    VestrClient client = VestrClient.create(VestrSettings.builder()
        .vestrUrl(site)
        .authMode(AuthMode.SESSION)
        .username("ops")
        .password("Vestr-Secret-0004")
        .otpSecret(VestrFake.DEFAULT_OTP_SECRET)
        .build());

    // what doctor did before: a login alone says nothing about the API
    client.login();

    assertThatThrownBy(() -> client.probe(FIRST))
        .isInstanceOf(VestrHttpException.class)
        .hasMessageContaining("405")
        .hasMessageNotContaining("Vestr-Secret-0004");
    assertThat(posts.get()).as("GraphQL posts reaching the static site").isEqualTo(1);
  }
}
