package org.integratedsync.testkit.vestr;

import static org.integratedsync.testkit.vestr.FakeHttp.cookie;
import static org.integratedsync.testkit.vestr.FakeHttp.enc;
import static org.integratedsync.testkit.vestr.FakeHttp.form;

import java.util.HashSet;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The web application of {@link VestrFake}, for session mode: {@code /app} sends a visitor without
 * a session to the identity provider's login, and its callback redeems the authorization code and
 * sets the {@code VESTR_SESSION} cookie the GraphQL endpoint accepts.
 *
 * <p>Not thread-safe on its own: {@link VestrFake} calls it under its lock.
 */
final class WebAppFake {
  static final String PATH = "/app";
  static final String CALLBACK_PATH = "/app/callback";
  private static final String SESSION_COOKIE = "VESTR_SESSION";

  private final OidcProviderFake provider;
  private final boolean formPost;
  private final Set<String> sessions = new HashSet<>();

  /**
   * Creates the application.
   *
   * @param provider the identity provider it signs its users in with
   * @param formPost whether it asks for the code in a {@code form_post} response
   */
  WebAppFake(OidcProviderFake provider, boolean formPost) {
    this.provider = provider;
    this.formPost = formPost;
  }

  /** Whether the request carries a session cookie this application issued. */
  boolean hasSession(RecordedRequest request) {
    return sessions.contains(cookie(request, SESSION_COOKIE));
  }

  /** Ends every session. */
  void endSessions() {
    sessions.clear();
  }

  /** The application's page: itself with a session, else a redirect to the login. */
  MockResponse app(RecordedRequest request) {
    if (hasSession(request)) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html;charset=utf-8")
          .body("<!DOCTYPE html><html><head><title>Vestr</title></head><body><div id=\"root\">"
              + "Vestr</div></body></html>").build();
    }
    String location = provider.issuer() + "/protocol/openid-connect/auth?client_id="
        + OidcProviderFake.WEB_CLIENT_ID + "&redirect_uri=" + enc(provider.webRedirectUri().toString())
        + "&response_type=code&scope=openid&state=" + FakeHttp.token(8)
        + (formPost ? "&response_mode=form_post" : "");
    return new MockResponse.Builder().code(302).setHeader("Location", location).build();
  }

  /** The login's redirect target: redeems the code and starts a session. */
  MockResponse callback(RecordedRequest request, HttpUrl url) {
    String code = "POST".equals(request.getMethod()) ? form(request).get("code") : url.queryParameter("code");
    if (!provider.redeemWebCode(code)) {
      return new MockResponse.Builder().code(400).body("invalid code").build();
    }
    String session = FakeHttp.token(24);
    sessions.add(session);
    return new MockResponse.Builder().code(302).setHeader("Location", PATH)
        .addHeader("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; Secure; HttpOnly; SameSite=Lax")
        .build();
  }
}
