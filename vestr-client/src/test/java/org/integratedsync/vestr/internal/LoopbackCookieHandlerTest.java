package org.integratedsync.vestr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopbackCookieHandlerTest {
  private static final Map<String, List<String>> SECURE_COOKIE =
      Map.of("Set-Cookie", List.of("AUTH_SESSION_ID=abc; Path=/realms/x/; Secure; HttpOnly"));

  @Test
  void secureCookieGoesBackToPlainHttpOnLoopback() throws Exception {
    LoopbackCookieHandler jar = new LoopbackCookieHandler();
    jar.put(URI.create("http://127.0.0.1:8080/realms/x/protocol/auth"), SECURE_COOKIE);

    Map<String, List<String>> sent = jar.get(URI.create("http://127.0.0.1:8080/realms/x/login"), Map.of());

    assertThat(sent.get("Cookie")).containsExactly("AUTH_SESSION_ID=abc");
  }

  @Test
  void secureCookieIsWithheldFromPlainHttpElsewhere() throws Exception {
    LoopbackCookieHandler jar = new LoopbackCookieHandler();
    jar.put(URI.create("http://sso.example.org/realms/x/protocol/auth"), SECURE_COOKIE);

    Map<String, List<String>> sent = jar.get(URI.create("http://sso.example.org/realms/x/login"), Map.of());

    assertThat(sent.getOrDefault("Cookie", List.of())).isEmpty();
  }

  @Test
  void loopbackIsJudgedFromTheTextOnly() {
    assertThat(LoopbackCookieHandler.isLoopback("127.0.0.1")).isTrue();
    assertThat(LoopbackCookieHandler.isLoopback("127.10.0.3")).isTrue();
    assertThat(LoopbackCookieHandler.isLoopback("localhost")).isTrue();
    assertThat(LoopbackCookieHandler.isLoopback("[::1]")).isTrue();
    assertThat(LoopbackCookieHandler.isLoopback("127.0.0.1.example.org")).isFalse();
    assertThat(LoopbackCookieHandler.isLoopback("10.0.0.1")).isFalse();
    assertThat(LoopbackCookieHandler.isLoopback("localhost.example.org")).isFalse();
  }
}
