package org.integratedsync.testkit.vestr;

import static org.integratedsync.testkit.vestr.FakeHttp.cookie;
import static org.integratedsync.testkit.vestr.FakeHttp.enc;
import static org.integratedsync.testkit.vestr.FakeHttp.form;
import static org.integratedsync.testkit.vestr.FakeHttp.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The identity provider of {@link VestrFake}: a Keycloak-style realm with its discovery document,
 * login pages (username and password, then a TOTP code, in one of the {@link LoginTheme}s), an
 * authorization endpoint for two registered clients (the public client {@link #CLIENT_ID}, which
 * must use PKCE S256, and the web application's {@link #WEB_CLIENT_ID}), a token endpoint with
 * refresh, and userinfo. TOTP codes are checked with its own HMAC code and PKCE is verified here,
 * independently of the client under test.
 *
 * <p>Not thread-safe on its own: {@link VestrFake} calls it under its lock.
 */
final class OidcProviderFake {
  static final String REALM = "vestr";
  static final String CLIENT_ID = "integrated-sync";
  static final String WEB_CLIENT_ID = "vestr-web";

  /** What the login asks for and how it behaves. */
  record Options(
      String username,
      String password,
      String otpSecret,
      LoginTheme theme,
      boolean hiddenField,
      boolean formPost,
      boolean profileUpdateRequired,
      boolean accountDisabled,
      boolean expireAfterPassword,
      String errorPageMessage,
      Duration accessTokenLifetime,
      Clock clock) {}

  private final Options options;
  private final Supplier<URI> baseUrl;
  private final byte[] otpKey;
  private final ObjectMapper json = new ObjectMapper();

  private final Map<String, AuthSession> authSessions = new HashMap<>();
  private final Map<String, Grant> codes = new HashMap<>();
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private final Map<String, Instant> refreshTokens = new HashMap<>();
  private final Set<Long> usedOtpSteps = new HashSet<>();
  private boolean refuseRefresh;

  final AtomicLong passwordAttempts = new AtomicLong();
  final AtomicLong otpAttempts = new AtomicLong();
  final AtomicLong logins = new AtomicLong();
  final AtomicLong tokenRequests = new AtomicLong();
  final AtomicLong refreshes = new AtomicLong();

  /**
   * Creates the provider.
   *
   * @param baseUrl the server's base URL, known once it has started
   */
  OidcProviderFake(Options options, Supplier<URI> baseUrl) {
    this.options = options;
    this.baseUrl = baseUrl;
    this.otpKey = base32(options.otpSecret());
  }

  /** Returns the issuer, {@code BASE/realms/vestr}. */
  URI issuer() {
    return URI.create(baseUrl.get() + "/realms/" + REALM);
  }

  /** Returns the redirect URI registered for {@link #CLIENT_ID} (never served). */
  URI redirectUri() {
    return URI.create(baseUrl.get() + "/oidc/callback");
  }

  /** Returns the redirect URI registered for {@link #WEB_CLIENT_ID}: the web application's callback. */
  URI webRedirectUri() {
    return URI.create(baseUrl.get() + WebAppFake.CALLBACK_PATH);
  }

  /** Makes the token endpoint refuse every refresh token from now on (or again accept them). */
  void refuseRefresh(boolean refuse) {
    this.refuseRefresh = refuse;
  }

  /** Forgets every access token issued so far. */
  void revokeAccessTokens() {
    accessTokens.clear();
  }

  /**
   * Redeems an authorization code issued to the web application ({@link #WEB_CLIENT_ID}), as its
   * back end would; a code is good once.
   *
   * @return whether the code was valid
   */
  boolean redeemWebCode(String code) {
    Grant grant = code == null ? null : codes.remove(code);
    return grant != null && WEB_CLIENT_ID.equals(grant.clientId());
  }

  /** The discovery document ({@code /.well-known/openid-configuration}). */
  MockResponse discovery() {
    String issuer = issuer().toString();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
    doc.put("token_endpoint", issuer + "/protocol/openid-connect/token");
    doc.put("userinfo_endpoint", issuer + "/protocol/openid-connect/userinfo");
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("response_modes_supported", List.of("query", "form_post"));
    try {
      return json(200, json.writeValueAsString(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- login pages

  /** The authorization endpoint: starts a login and shows the username and password form. */
  MockResponse authorize(RecordedRequest request, HttpUrl url) {
    if (options.errorPageMessage() != null) {
      return loginPage(400, Pages.error(options.theme(), options.errorPageMessage()), null);
    }
    String clientId = url.queryParameter("client_id");
    String redirect = url.queryParameter("redirect_uri");
    boolean web = WEB_CLIENT_ID.equals(clientId);
    if (!CLIENT_ID.equals(clientId) && !web) {
      return loginPage(400, Pages.error(options.theme(), "Client not found."), null);
    }
    URI expectedRedirect = web ? webRedirectUri() : redirectUri();
    if (redirect == null || !URI.create(redirect).equals(expectedRedirect)) {
      return loginPage(400, Pages.error(options.theme(), "Invalid parameter: redirect_uri"), null);
    }
    String challenge = url.queryParameter("code_challenge");
    if (!web && (challenge == null || !"S256".equals(url.queryParameter("code_challenge_method")))) {
      return loginPage(400, Pages.error(options.theme(), "Missing parameter: code_challenge_method"), null);
    }
    if (!"code".equals(url.queryParameter("response_type"))) {
      return loginPage(400, Pages.error(options.theme(), "Unsupported response type"), null);
    }
    AuthSession session = new AuthSession();
    session.id = FakeHttp.token(18);
    session.clientId = clientId;
    session.redirectUri = redirect;
    session.state = url.queryParameter("state");
    session.challenge = challenge;
    session.formPost = options.formPost() || "form_post".equals(url.queryParameter("response_mode"));
    session.tabId = FakeHttp.token(6);
    session.nextCode();
    authSessions.put(session.id, session);
    return loginPage(200, Pages.login(options.theme(), actionPath(session), null, options.hiddenField()), session.id);
  }

  private String actionPath(AuthSession session) {
    // the custom theme uses a host-relative action, the stock themes an absolute one
    String base = (options.theme() == LoginTheme.CUSTOM ? "" : baseUrl.get().toString())
        + "/realms/" + REALM + "/login-actions/authenticate";
    return base + "?session_code=" + session.code + "&execution=" + session.execution
        + "&client_id=" + session.clientId + "&tab_id=" + session.tabId;
  }

  /** The login form's action: the password, the TOTP code or the profile page, by stage. */
  MockResponse authenticate(RecordedRequest request, HttpUrl url) {
    if (!"POST".equals(request.getMethod())) {
      return loginPage(405, Pages.error(options.theme(), "Method not allowed"), null);
    }
    AuthSession session = authSessions.get(cookie(request, "AUTH_SESSION_ID"));
    if (session == null) {
      return loginPage(400, Pages.error(options.theme(),
          "Cookie not found. Please make sure cookies are enabled in your browser."), null);
    }
    if (!Objects.equals(url.queryParameter("session_code"), session.code)
        || !Objects.equals(url.queryParameter("tab_id"), session.tabId)) {
      return loginPage(200, Pages.expired(options.theme()), null);
    }
    Map<String, String> form = form(request);
    switch (session.stage) {
      case PASSWORD:
        return passwordStep(session, form);
      case OTP:
        return otpStep(session, form);
      case PROFILE:
        session.nextCode();
        return loginPage(200, Pages.profile(options.theme(), actionPath(session)), null);
      default:
        return loginPage(200, Pages.expired(options.theme()), null);
    }
  }

  private MockResponse passwordStep(AuthSession session, Map<String, String> form) {
    passwordAttempts.incrementAndGet();
    session.nextCode();
    if (options.hiddenField() && !"fp-7731".equals(form.get("device_fingerprint"))) {
      return loginPage(400, Pages.error(options.theme(), "Invalid request: device_fingerprint missing"), null);
    }
    if (options.theme() != LoginTheme.CUSTOM && !form.containsKey("credentialId")) {
      return loginPage(400, Pages.error(options.theme(), "Invalid request: credentialId missing"), null);
    }
    if (!options.username().equals(form.get("username")) || !options.password().equals(form.get("password"))) {
      return loginPage(200, Pages.login(options.theme(), actionPath(session), "Invalid username or password.",
          options.hiddenField()), null);
    }
    if (options.accountDisabled()) {
      return loginPage(200, Pages.login(options.theme(), actionPath(session),
          "Account is disabled, contact your administrator.", options.hiddenField()), null);
    }
    if (options.expireAfterPassword()) {
      session.stage = Stage.DONE;
      return loginPage(200, Pages.expired(options.theme()), null);
    }
    session.stage = Stage.OTP;
    return loginPage(200, Pages.otp(options.theme(), actionPath(session), null), null);
  }

  private MockResponse otpStep(AuthSession session, Map<String, String> form) {
    otpAttempts.incrementAndGet();
    session.nextCode();
    if (!Pages.CREDENTIAL_ID.equals(form.get("selectedCredentialId"))) {
      return loginPage(400, Pages.error(options.theme(),
          "Unexpected error when handling authentication request to identity provider."), null);
    }
    Long step = matchingStep(form.get("otp"));
    if (step == null || !usedOtpSteps.add(step)) {
      // like Keycloak, a reused code looks exactly like a wrong one
      return loginPage(200, Pages.otp(options.theme(), actionPath(session), "Invalid authenticator code."), null);
    }
    if (options.profileUpdateRequired()) {
      session.stage = Stage.PROFILE;
      return loginPage(200, Pages.profile(options.theme(), actionPath(session)), null);
    }
    session.stage = Stage.DONE;
    authSessions.remove(session.id);
    logins.incrementAndGet();
    String code = FakeHttp.token(24);
    codes.put(code, new Grant(session.clientId, session.redirectUri, session.challenge,
        options.clock().instant().plusSeconds(60)));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("state", session.state);
    params.put("session_state", FakeHttp.token(8));
    params.put("iss", issuer().toString());
    params.put("code", code);
    if (session.formPost) {
      return loginPage(200, Pages.formPost(session.redirectUri, params), null);
    }
    StringBuilder location = new StringBuilder(session.redirectUri).append('?');
    params.forEach((k, v) -> {
      if (v != null) {
        location.append(enc(k)).append('=').append(enc(v)).append('&');
      }
    });
    location.setLength(location.length() - 1);
    return new MockResponse.Builder().code(302).setHeader("Location", location.toString()).build();
  }

  /** Returns the time step whose code equals {@code code} (previous, current or next step), or null. */
  private Long matchingStep(String code) {
    if (code == null || !code.matches("\\d{6}")) {
      return null;
    }
    long now = options.clock().instant().getEpochSecond() / 30;
    for (long step = now - 1; step <= now + 1; step++) {
      if (totp(step).equals(code)) {
        return step;
      }
    }
    return null;
  }

  /** RFC 6238 with HMAC-SHA1 and 6 digits, written out here on purpose (independent of the client). */
  private String totp(long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(otpKey, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- tokens

  MockResponse tokenEndpoint(RecordedRequest request) {
    tokenRequests.incrementAndGet();
    Map<String, String> form = form(request);
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      return oauthError(401, "unauthorized_client", "Invalid client");
    }
    Instant now = options.clock().instant();
    switch (String.valueOf(form.get("grant_type"))) {
      case "authorization_code": {
        Grant grant = codes.remove(form.get("code"));
        if (grant == null || now.isAfter(grant.expires)) {
          return oauthError(400, "invalid_grant", "Code not valid");
        }
        if (!grant.redirectUri.equals(form.get("redirect_uri"))) {
          return oauthError(400, "invalid_grant", "Incorrect redirect_uri");
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !s256(verifier).equals(grant.challenge)) {
          return oauthError(400, "invalid_grant", "PKCE verification failed: Code mismatch");
        }
        return issueTokens(now);
      }
      case "refresh_token": {
        Instant expiry = refreshTokens.get(form.get("refresh_token"));
        if (refuseRefresh || expiry == null || now.isAfter(expiry)) {
          return oauthError(400, "invalid_grant", "Token is not active");
        }
        refreshes.incrementAndGet();
        return issueTokens(now);
      }
      default:
        return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
    }
  }

  private MockResponse issueTokens(Instant now) {
    String access = "fake-at-" + FakeHttp.token(24);
    String refresh = "fake-rt-" + FakeHttp.token(24);
    accessTokens.put(access, now.plus(options.accessTokenLifetime()));
    refreshTokens.put(refresh, now.plusSeconds(1800));
    return json(200, "{\"access_token\":\"" + access + "\",\"expires_in\":"
        + options.accessTokenLifetime().toSeconds() + ",\"refresh_expires_in\":1800,\"refresh_token\":\""
        + refresh + "\",\"token_type\":\"Bearer\",\"scope\":\"openid\"}");
  }

  /** The userinfo endpoint. */
  MockResponse userinfo(RecordedRequest request) {
    if (!validBearer(request)) {
      return json(401, "{\"error\":\"invalid_token\"}");
    }
    return json(200, "{\"preferred_username\":\"" + options.username() + "\"}");
  }

  /** Whether the request carries an access token this provider issued that has not expired. */
  boolean validBearer(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Instant expiry = accessTokens.get(header.substring(7));
    return expiry != null && options.clock().instant().isBefore(expiry);
  }

  private static MockResponse oauthError(int status, String error, String description) {
    return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
  }

  // ---------------------------------------------------------------- helpers

  private MockResponse loginPage(int status, String html, String authSessionId) {
    MockResponse.Builder builder = new MockResponse.Builder().code(status)
        .setHeader("Content-Type", "text/html;charset=utf-8")
        .setHeader("Cache-Control", "no-store")
        .body(html);
    if (authSessionId != null) {
      // Keycloak marks its cookies Secure even on plain http
      builder.addHeader("Set-Cookie", "AUTH_SESSION_ID=" + authSessionId + "; Path=/realms/" + REALM
          + "/; Secure; HttpOnly; SameSite=None");
    }
    return builder.build();
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base32 decoding written out here (independent of the client), lenient about spaces, padding and case. */
  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
    byte[] out = new byte[clean.length() * 5 / 8];
    long buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : clean.toCharArray()) {
      int v = alphabet.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("otpSecret is not base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }

  private enum Stage { PASSWORD, OTP, PROFILE, DONE }

  private final class AuthSession {
    String id;
    String clientId;
    String redirectUri;
    String state;
    String challenge;
    String tabId;
    boolean formPost;
    Stage stage = Stage.PASSWORD;
    String code;
    String execution;

    void nextCode() {
      code = FakeHttp.token(12);
      execution = FakeHttp.token(8);
    }
  }

  private record Grant(String clientId, String redirectUri, String challenge, Instant expires) {}
}
