package org.integratedsync.testkit.vestr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;

/**
 * A fake Vestr: Keycloak-style login pages (username and password, then a TOTP code), an OpenID
 * Connect token endpoint with PKCE, a web application with a cookie session, and a GraphQL endpoint
 * serving generated fee deductions page by page. Runs on {@link MockWebServer} on 127.0.0.1.
 *
 * <p>The fake is an independent second implementation: it checks TOTP codes with its own HMAC code,
 * verifies PKCE itself and generates its records from a seed, one page at a time, so a million
 * records cost no memory. Faults can be queued for the next GraphQL responses and for the login.
 *
 * <pre>{@code
 * try (VestrFake fake = VestrFake.builder().records(10_000).build().start()) {
 *   // oidc: issuer(), clientId(), redirectUri(); session: appUrl(); graphqlUrl()
 * }
 * }</pre>
 *
 * Thread-safe: requests are handled one at a time.
 */
public final class VestrFake implements AutoCloseable {
  /** How late {@link GraphQlFault#SLOW_PAGE} serves its page. */
  public static final Duration SLOW_PAGE_DELAY = Duration.ofSeconds(6);

  /** The default TOTP secret, base32 (test-only). */
  public static final String DEFAULT_OTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  static final String REALM = "vestr";
  static final String CLIENT_ID = "integrated-sync";
  static final String WEB_CLIENT_ID = "vestr-web";
  private static final String[] FEE_TYPES = {
    "management_fee", "Management Fee", "MGMT", "performance_fee", "perf", "Custody Fee", "custody", "admin_fee"
  };
  private static final String[] NORMALISED = {
    "MANAGEMENT", "MANAGEMENT", "MANAGEMENT", "PERFORMANCE", "PERFORMANCE", "CUSTODY", "CUSTODY", "OTHER"
  };
  private static final String[] CURRENCIES = {"CHF", "USD", "EUR"};

  private final Builder config;
  private final byte[] otpKey;
  private final MockWebServer server = new MockWebServer();
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();
  private final JsonFactory jsonFactory = new JsonFactory();

  private final Map<String, AuthSession> authSessions = new HashMap<>();
  private final Map<String, Grant> codes = new HashMap<>();
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private final Map<String, Instant> refreshTokens = new HashMap<>();
  private final Set<String> appSessions = new HashSet<>();
  private final Set<Long> usedOtpSteps = new HashSet<>();
  private final Deque<GraphQlFault> faults = new ArrayDeque<>();
  private boolean refuseRefresh;
  private volatile String lastQuery;

  private final AtomicLong passwordAttempts = new AtomicLong();
  private final AtomicLong otpAttempts = new AtomicLong();
  private final AtomicLong logins = new AtomicLong();
  private final AtomicLong tokenRequests = new AtomicLong();
  private final AtomicLong refreshes = new AtomicLong();
  private final AtomicLong graphQlRequests = new AtomicLong();
  private final AtomicLong recordsServed = new AtomicLong();

  private VestrFake(Builder config) {
    this.config = config;
    this.otpKey = base32(config.otpSecret);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        synchronized (VestrFake.this) {
          try {
            return handle(request);
          } catch (RuntimeException e) {
            return new MockResponse.Builder().code(500).body("fake failed: " + e).build();
          }
        }
      }
    });
  }

  /** Returns a builder with defaults: user {@code vestr-user}, 1,000 records over the last year. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the server on a free port of 127.0.0.1 and returns this fake. */
  public VestrFake start() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Returns the base URL, {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  /** Returns the OpenID Connect issuer ({@code /realms/vestr}). */
  public URI issuer() {
    return URI.create(url() + "/realms/" + REALM);
  }

  /** Returns the web application's URL, the start of a session-mode login ({@code /app}). */
  public URI appUrl() {
    return URI.create(url() + "/app");
  }

  /** Returns the GraphQL endpoint ({@code /graphql}). */
  public URI graphqlUrl() {
    return URI.create(url() + "/graphql");
  }

  /** Returns the redirect URI registered for {@link #clientId()} (never served). */
  public URI redirectUri() {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/oidc/callback");
  }

  /** Returns the public client id that must use PKCE S256. */
  public String clientId() {
    return CLIENT_ID;
  }

  /** Returns the configured username. */
  public String username() {
    return config.username;
  }

  /** Returns the configured password. */
  public String password() {
    return config.password;
  }

  /** Returns the configured base32 TOTP secret. */
  public String otpSecret() {
    return config.otpSecret;
  }

  /** Queues faults for the next GraphQL responses, one response each, in order. */
  public synchronized void enqueueFault(GraphQlFault... next) {
    faults.addAll(java.util.List.of(next));
  }

  /** Makes the token endpoint refuse every refresh token ({@code invalid_grant}) from now on. */
  public synchronized void refuseRefresh(boolean refuse) {
    this.refuseRefresh = refuse;
  }

  /** Makes every issued access token invalid at once (the next API call gets 401). */
  public synchronized void revokeAccessTokens() {
    accessTokens.clear();
    appSessions.clear();
  }

  /** Returns how many passwords were posted. */
  public long passwordAttempts() {
    return passwordAttempts.get();
  }

  /** Returns how many TOTP codes were posted. */
  public long otpAttempts() {
    return otpAttempts.get();
  }

  /** Returns how many logins completed (authorization code or session issued). */
  public long logins() {
    return logins.get();
  }

  /** Returns how many token-endpoint requests were made. */
  public long tokenRequests() {
    return tokenRequests.get();
  }

  /** Returns how many refresh grants succeeded. */
  public long refreshes() {
    return refreshes.get();
  }

  /** Returns how many GraphQL requests arrived. */
  public long graphQlRequests() {
    return graphQlRequests.get();
  }

  /** Returns how many records were served in successful pages. */
  public long recordsServed() {
    return recordsServed.get();
  }

  /** Returns the query document of the last GraphQL request, or null. */
  public String lastQuery() {
    return lastQuery;
  }

  /** Returns the number of records in the data set. */
  public long recordCount() {
    return config.records;
  }

  /** Returns how many records have a booking date from {@code from} to {@code to} (inclusive). */
  public long count(LocalDate from, LocalDate to) {
    return Math.max(0, firstIndexAfter(to) - firstIndexFrom(from));
  }

  /** Returns the record at {@code index} (0-based, booking-date order), computed from the seed. */
  public FakeFeeRecord record(long index) {
    if (index < 0 || index >= config.records) {
      throw new IndexOutOfBoundsException("record " + index + " of " + config.records);
    }
    SplittableRandom rnd = new SplittableRandom(config.seed * 0x9E3779B97F4A7C15L + index);
    int product = rnd.nextInt(config.products);
    int type = rnd.nextInt(FEE_TYPES.length);
    BigDecimal amount = BigDecimal.valueOf(rnd.nextLong(1, 5_000_000), 2);
    LocalDate booking = bookingDate(index);
    return new FakeFeeRecord(
        index,
        String.format(Locale.ROOT, "fd-%d-%09d", config.seed, index),
        booking,
        index % 50 == 0 ? null : booking.plusDays(2),
        amount,
        index % 2 == 0,
        CURRENCIES[product % CURRENCIES.length],
        FEE_TYPES[type],
        NORMALISED[type],
        String.format(Locale.ROOT, "PRD-%04d", product),
        String.format(Locale.ROOT, "CH%010d", 1_000_000L + product * 7919L),
        "Tracker Certificate " + product,
        product % 7 == 3 ? null : new BigDecimal(1000 + product * 37L).movePointLeft(product % 3));
  }

  @Override
  public void close() {
    server.close();
  }

  // ---------------------------------------------------------------- records

  private LocalDate bookingDate(long index) {
    long days = ChronoUnit.DAYS.between(config.firstDate, config.lastDate) + 1;
    // spreads the records evenly and in order over the days; never materialised
    return config.firstDate.plusDays(index * days / config.records);
  }

  private long firstIndexFrom(LocalDate from) {
    long lo = 0;
    long hi = config.records;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (bookingDate(mid).isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private long firstIndexAfter(LocalDate to) {
    return to.equals(LocalDate.MAX) ? config.records : firstIndexFrom(to.plusDays(1));
  }

  // ---------------------------------------------------------------- routing

  private MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    String realm = "/realms/" + REALM;
    switch (path) {
      case "/realms/" + REALM + "/.well-known/openid-configuration":
        return json(200, discovery());
      case "/realms/" + REALM + "/protocol/openid-connect/auth":
        return authorize(request, url);
      case "/realms/" + REALM + "/login-actions/authenticate":
        return authenticate(request, url);
      case "/realms/" + REALM + "/protocol/openid-connect/token":
        return token(request);
      case "/realms/" + REALM + "/protocol/openid-connect/userinfo":
        return userinfo(request);
      case "/app":
      case "/app/":
        return app(request);
      case "/app/callback":
        return appCallback(request, url);
      case "/graphql":
        return graphQl(request);
      default:
        return new MockResponse.Builder().code(404).body("no such page: " + path + " (" + realm + ")")
            .build();
    }
  }

  private String discovery() {
    String issuer = issuer().toString();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
    doc.put("token_endpoint", issuer + "/protocol/openid-connect/token");
    doc.put("userinfo_endpoint", issuer + "/protocol/openid-connect/userinfo");
    doc.put("code_challenge_methods_supported", java.util.List.of("S256"));
    doc.put("response_modes_supported", java.util.List.of("query", "form_post"));
    try {
      return json.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- login pages

  private MockResponse authorize(RecordedRequest request, HttpUrl url) {
    if (config.errorPageMessage != null) {
      return page(400, Pages.error(config.theme, config.errorPageMessage), null);
    }
    String clientId = url.queryParameter("client_id");
    String redirect = url.queryParameter("redirect_uri");
    boolean web = WEB_CLIENT_ID.equals(clientId);
    if (!CLIENT_ID.equals(clientId) && !web) {
      return page(400, Pages.error(config.theme, "Client not found."), null);
    }
    URI expectedRedirect = web ? URI.create(appUrl() + "/callback") : redirectUri();
    if (redirect == null || !URI.create(redirect).equals(expectedRedirect)) {
      return page(400, Pages.error(config.theme, "Invalid parameter: redirect_uri"), null);
    }
    String challenge = url.queryParameter("code_challenge");
    if (!web && (challenge == null || !"S256".equals(url.queryParameter("code_challenge_method")))) {
      return page(400, Pages.error(config.theme, "Missing parameter: code_challenge_method"), null);
    }
    if (!"code".equals(url.queryParameter("response_type"))) {
      return page(400, Pages.error(config.theme, "Unsupported response type"), null);
    }
    AuthSession session = new AuthSession();
    session.id = token(18);
    session.clientId = clientId;
    session.redirectUri = redirect;
    session.state = url.queryParameter("state");
    session.challenge = challenge;
    session.formPost = config.formPost || "form_post".equals(url.queryParameter("response_mode"));
    session.tabId = token(6);
    session.nextCode();
    authSessions.put(session.id, session);
    return page(200, Pages.login(config.theme, actionPath(session), null, config.hiddenField), session.id);
  }

  private String actionPath(AuthSession session) {
    // the custom theme uses a host-relative action, the stock themes an absolute one
    String base = (config.theme == LoginTheme.CUSTOM ? "" : url().toString())
        + "/realms/" + REALM + "/login-actions/authenticate";
    return base + "?session_code=" + session.code + "&execution=" + session.execution
        + "&client_id=" + session.clientId + "&tab_id=" + session.tabId;
  }

  private MockResponse authenticate(RecordedRequest request, HttpUrl url) {
    if (!"POST".equals(request.getMethod())) {
      return page(405, Pages.error(config.theme, "Method not allowed"), null);
    }
    AuthSession session = authSessions.get(cookie(request, "AUTH_SESSION_ID"));
    if (session == null) {
      return page(400, Pages.error(config.theme,
          "Cookie not found. Please make sure cookies are enabled in your browser."), null);
    }
    if (!Objects.equals(url.queryParameter("session_code"), session.code)
        || !Objects.equals(url.queryParameter("tab_id"), session.tabId)) {
      return page(200, Pages.expired(config.theme), null);
    }
    Map<String, String> form = form(request);
    switch (session.stage) {
      case PASSWORD:
        return passwordStep(session, form);
      case OTP:
        return otpStep(session, form);
      case PROFILE:
        session.nextCode();
        return page(200, Pages.profile(config.theme, actionPath(session)), null);
      default:
        return page(200, Pages.expired(config.theme), null);
    }
  }

  private MockResponse passwordStep(AuthSession session, Map<String, String> form) {
    passwordAttempts.incrementAndGet();
    session.nextCode();
    if (config.hiddenField && !"fp-7731".equals(form.get("device_fingerprint"))) {
      return page(400, Pages.error(config.theme, "Invalid request: device_fingerprint missing"), null);
    }
    if (config.theme != LoginTheme.CUSTOM && !form.containsKey("credentialId")) {
      return page(400, Pages.error(config.theme, "Invalid request: credentialId missing"), null);
    }
    if (!config.username.equals(form.get("username")) || !config.password.equals(form.get("password"))) {
      return page(200, Pages.login(config.theme, actionPath(session), "Invalid username or password.",
          config.hiddenField), null);
    }
    if (config.accountDisabled) {
      return page(200, Pages.login(config.theme, actionPath(session),
          "Account is disabled, contact your administrator.", config.hiddenField), null);
    }
    if (config.expireAfterPassword) {
      session.stage = Stage.DONE;
      return page(200, Pages.expired(config.theme), null);
    }
    session.stage = Stage.OTP;
    return page(200, Pages.otp(config.theme, actionPath(session), null), null);
  }

  private MockResponse otpStep(AuthSession session, Map<String, String> form) {
    otpAttempts.incrementAndGet();
    session.nextCode();
    if (!Pages.CREDENTIAL_ID.equals(form.get("selectedCredentialId"))) {
      return page(400, Pages.error(config.theme,
          "Unexpected error when handling authentication request to identity provider."), null);
    }
    Long step = matchingStep(form.get("otp"));
    if (step == null || !usedOtpSteps.add(step)) {
      // like Keycloak, a reused code looks exactly like a wrong one
      return page(200, Pages.otp(config.theme, actionPath(session), "Invalid authenticator code."), null);
    }
    if (config.profileUpdateRequired) {
      session.stage = Stage.PROFILE;
      return page(200, Pages.profile(config.theme, actionPath(session)), null);
    }
    session.stage = Stage.DONE;
    authSessions.remove(session.id);
    logins.incrementAndGet();
    String code = token(24);
    codes.put(code, new Grant(session.clientId, session.redirectUri, session.challenge,
        config.clock.instant().plusSeconds(60)));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("state", session.state);
    params.put("session_state", token(8));
    params.put("iss", issuer().toString());
    params.put("code", code);
    if (session.formPost) {
      return page(200, Pages.formPost(session.redirectUri, params), null);
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
    long now = config.clock.instant().getEpochSecond() / 30;
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

  private MockResponse token(RecordedRequest request) {
    tokenRequests.incrementAndGet();
    Map<String, String> form = form(request);
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      return oauthError(401, "unauthorized_client", "Invalid client");
    }
    Instant now = config.clock.instant();
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
    String access = "fake-at-" + token(24);
    String refresh = "fake-rt-" + token(24);
    accessTokens.put(access, now.plus(config.accessTokenLifetime));
    refreshTokens.put(refresh, now.plusSeconds(1800));
    return json(200, "{\"access_token\":\"" + access + "\",\"expires_in\":"
        + config.accessTokenLifetime.toSeconds() + ",\"refresh_expires_in\":1800,\"refresh_token\":\""
        + refresh + "\",\"token_type\":\"Bearer\",\"scope\":\"openid\"}");
  }

  private MockResponse userinfo(RecordedRequest request) {
    if (!validBearer(request)) {
      return json(401, "{\"error\":\"invalid_token\"}");
    }
    return json(200, "{\"preferred_username\":\"" + config.username + "\"}");
  }

  private boolean validBearer(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Instant expiry = accessTokens.get(header.substring(7));
    return expiry != null && config.clock.instant().isBefore(expiry);
  }

  private static MockResponse oauthError(int status, String error, String description) {
    return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
  }

  // ---------------------------------------------------------------- web application (session mode)

  private MockResponse app(RecordedRequest request) {
    if (appSessions.contains(cookie(request, "VESTR_SESSION"))) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html;charset=utf-8")
          .body("<!DOCTYPE html><html><head><title>Vestr</title></head><body><div id=\"root\">"
              + "Vestr</div></body></html>").build();
    }
    String location = issuer() + "/protocol/openid-connect/auth?client_id=" + WEB_CLIENT_ID
        + "&redirect_uri=" + enc(appUrl() + "/callback") + "&response_type=code&scope=openid&state="
        + token(8) + (config.formPost ? "&response_mode=form_post" : "");
    return new MockResponse.Builder().code(302).setHeader("Location", location).build();
  }

  private MockResponse appCallback(RecordedRequest request, HttpUrl url) {
    String code = "POST".equals(request.getMethod()) ? form(request).get("code") : url.queryParameter("code");
    Grant grant = code == null ? null : codes.remove(code);
    if (grant == null || !WEB_CLIENT_ID.equals(grant.clientId)) {
      return new MockResponse.Builder().code(400).body("invalid code").build();
    }
    String session = token(24);
    appSessions.add(session);
    return new MockResponse.Builder().code(302).setHeader("Location", "/app")
        .addHeader("Set-Cookie", "VESTR_SESSION=" + session + "; Path=/; Secure; HttpOnly; SameSite=Lax")
        .build();
  }

  // ---------------------------------------------------------------- GraphQL

  private MockResponse graphQl(RecordedRequest request) {
    graphQlRequests.incrementAndGet();
    GraphQlFault fault = faults.poll();
    if (fault == GraphQlFault.NONE) {
      fault = null;
    }
    if (fault == GraphQlFault.CONNECTION_RESET) {
      return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }
    if (fault == GraphQlFault.HTTP_502 || fault == GraphQlFault.HTTP_503 || fault == GraphQlFault.HTTP_504) {
      // answered by a gateway in front of the API, whatever the credentials
      int status = fault == GraphQlFault.HTTP_502 ? 502 : fault == GraphQlFault.HTTP_503 ? 503 : 504;
      return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html")
          .body("<html><body><h1>" + status + "</h1>The server is temporarily unavailable.</body></html>").build();
    }
    if (fault == GraphQlFault.UNAUTHORIZED
        || !(validBearer(request) || appSessions.contains(cookie(request, "VESTR_SESSION")))) {
      return json(401, "{\"errors\":[{\"message\":\"Unauthorized\"}]}");
    }
    if (fault == GraphQlFault.HTTP_500) {
      return new MockResponse.Builder().code(500).body("Internal Server Error").build();
    }
    JsonNode body;
    try {
      body = json.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return json(400, "{\"errors\":[{\"message\":\"Request body is not JSON\"}]}");
    }
    lastQuery = body == null ? null : body.path("query").asText(null);
    if (body == null || !body.path("query").asText("").contains("feeDeductions")) {
      return json(200, "{\"errors\":[{\"message\":\"Cannot query: no feeDeductions field\"}],\"data\":null}");
    }
    JsonNode variables = body.path("variables");
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(variables.path("from").asText());
      to = LocalDate.parse(variables.path("to").asText());
    } catch (RuntimeException e) {
      return json(200, "{\"errors\":[{\"message\":\"Variable $from or $to is not a Date\"}],\"data\":null}");
    }
    int first = variables.path("first").asInt(0);
    if (first < 1 || first > 10_000) {
      return json(200, "{\"errors\":[{\"message\":\"first must be 1..10000\"}],\"data\":null}");
    }
    long start = firstIndexFrom(from);
    long end = Math.max(start, firstIndexAfter(to));
    JsonNode after = variables.path("after");
    if (!after.isMissingNode() && !after.isNull()) {
      long cursor = decodeCursor(after.asText());
      if (cursor < start - 1 || cursor >= end) {
        return json(200, "{\"errors\":[{\"message\":\"Invalid cursor\"}],\"data\":null}");
      }
      start = cursor + 1;
    }
    if (fault == GraphQlFault.GRAPHQL_ERROR) {
      return json(200, "{\"errors\":[{\"message\":\"Internal error while loading fee deductions\","
          + "\"path\":[\"feeDeductions\"]}],\"data\":null}");
    }
    long stop = Math.min(end, start + first);
    String page = page(start, stop, end, fault);
    if (fault == GraphQlFault.TRUNCATED_JSON) {
      return json(200, page.substring(0, page.length() / 2));
    }
    if (fault == null || fault == GraphQlFault.SLOW_PAGE) {
      recordsServed.addAndGet(stop - start);
    }
    if (fault == GraphQlFault.SLOW_PAGE) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(page)
          .headersDelay(SLOW_PAGE_DELAY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build();
    }
    return json(200, page);
  }

  private String page(long start, long stop, long end, GraphQlFault fault) {
    StringWriter out = new StringWriter((int) Math.min(1 << 20, (stop - start) * 400 + 200));
    try (JsonGenerator gen = jsonFactory.createGenerator(out)) {
      gen.writeStartObject();
      if (fault == GraphQlFault.GRAPHQL_ERROR_WITH_DATA) {
        gen.writeArrayFieldStart("errors");
        gen.writeStartObject();
        gen.writeStringField("message", "Product PRD-0003 could not be loaded");
        gen.writeEndObject();
        gen.writeEndArray();
      }
      gen.writeObjectFieldStart("data");
      gen.writeObjectFieldStart("feeDeductions");
      gen.writeObjectFieldStart("pageInfo");
      gen.writeBooleanField("hasNextPage", stop < end);
      if (stop > start) {
        gen.writeStringField("endCursor", encodeCursor(stop - 1));
      } else {
        gen.writeNullField("endCursor");
      }
      gen.writeEndObject();
      gen.writeArrayFieldStart("edges");
      for (long i = start; i < stop; i++) {
        FakeFeeRecord r = record(i);
        gen.writeStartObject();
        gen.writeStringField("cursor", encodeCursor(i));
        gen.writeObjectFieldStart("node");
        gen.writeStringField("id", r.id());
        gen.writeStringField("bookingDate", r.bookingDate().toString());
        if (r.valueDate() == null) {
          gen.writeNullField("valueDate");
        } else {
          gen.writeStringField("valueDate", r.valueDate().toString());
        }
        boolean firstRecord = i == start;
        if (firstRecord && fault == GraphQlFault.BAD_AMOUNT) {
          gen.writeStringField("amount", "12,50");
        } else if (r.amountAsString()) {
          gen.writeStringField("amount", r.amount().toPlainString());
        } else {
          gen.writeFieldName("amount");
          gen.writeRawValue(r.amount().toPlainString());
        }
        if (!(firstRecord && fault == GraphQlFault.MISSING_CURRENCY)) {
          gen.writeStringField("currency", r.currency());
        }
        gen.writeStringField("feeType", r.sourceFeeType());
        gen.writeObjectFieldStart("product");
        gen.writeStringField("id", r.productId());
        gen.writeStringField("isin", r.productIsin());
        gen.writeStringField("name", r.productName());
        if (r.outstandingQuantity() == null) {
          gen.writeNullField("outstandingQuantity");
        } else {
          gen.writeFieldName("outstandingQuantity");
          gen.writeRawValue(r.outstandingQuantity().toPlainString());
        }
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeEndObject();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String encodeCursor(long index) {
    return Base64.getEncoder().encodeToString(("idx:" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      return text.startsWith("idx:") ? Long.parseLong(text.substring(4)) : Long.MIN_VALUE;
    } catch (IllegalArgumentException e) {
      return Long.MIN_VALUE;
    }
  }

  // ---------------------------------------------------------------- helpers

  private MockResponse page(int status, String html, String authSessionId) {
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

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  private static String cookie(RecordedRequest request, String name) {
    for (String header : request.getHeaders().values("Cookie")) {
      for (String part : header.split(";")) {
        String trimmed = part.trim();
        if (trimmed.startsWith(name + "=")) {
          return trimmed.substring(name.length() + 1);
        }
      }
    }
    return null;
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> result = new LinkedHashMap<>();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    if (body.isEmpty()) {
      return result;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      result.putIfAbsent(name, value);
    }
    return result;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String token(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

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
      code = token(12);
      execution = token(8);
    }
  }

  private record Grant(String clientId, String redirectUri, String challenge, Instant expires) {}

  /** A mutable builder of {@link VestrFake}; not thread-safe. */
  public static final class Builder {
    private String username = "vestr-user";
    private String password = "vestr-password";
    private String otpSecret = DEFAULT_OTP_SECRET;
    private LoginTheme theme = LoginTheme.KEYCLOAK_V2;
    private boolean hiddenField;
    private boolean formPost;
    private boolean profileUpdateRequired;
    private boolean accountDisabled;
    private boolean expireAfterPassword;
    private String errorPageMessage;
    private long records = 1_000;
    private long seed = 42;
    private int products = 25;
    private LocalDate lastDate = LocalDate.now(ZoneOffset.UTC);
    private LocalDate firstDate = lastDate.minusDays(364);
    private Duration accessTokenLifetime = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the username (default {@code vestr-user}). */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Sets the password (default {@code vestr-password}). */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Sets the base32 TOTP secret (default {@link #DEFAULT_OTP_SECRET}); HmacSHA1, 6 digits, 30 s. */
    public Builder otpSecret(String otpSecret) {
      this.otpSecret = otpSecret;
      return this;
    }

    /** Sets the login page markup (default {@link LoginTheme#KEYCLOAK_V2}). */
    public Builder theme(LoginTheme theme) {
      this.theme = theme;
      return this;
    }

    /** Adds a hidden field to the login form that must be posted back. */
    public Builder extraHiddenField(boolean hiddenField) {
      this.hiddenField = hiddenField;
      return this;
    }

    /** Answers with an auto-submitting {@code form_post} page instead of a redirect. */
    public Builder formPost(boolean formPost) {
      this.formPost = formPost;
      return this;
    }

    /** Shows a profile-update page after the code, which a client cannot complete. */
    public Builder profileUpdateRequired(boolean required) {
      this.profileUpdateRequired = required;
      return this;
    }

    /** Refuses the (correct) password with Keycloak's "Account is disabled" message. */
    public Builder accountDisabled(boolean disabled) {
      this.accountDisabled = disabled;
      return this;
    }

    /** Answers the (correct) password with the "Page has expired" page. */
    public Builder expireAfterPassword(boolean expire) {
      this.expireAfterPassword = expire;
      return this;
    }

    /** Answers the authorization request with an error page showing {@code message}. */
    public Builder errorPage(String message) {
      this.errorPageMessage = message;
      return this;
    }

    /** Sets the number of generated records (default 1,000). */
    public Builder records(long records) {
      if (records < 0) {
        throw new IllegalArgumentException("records must not be negative");
      }
      this.records = records;
      return this;
    }

    /** Sets the seed of the generated records (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the number of distinct products (default 25). */
    public Builder products(int products) {
      if (products < 1) {
        throw new IllegalArgumentException("products must be positive");
      }
      this.products = products;
      return this;
    }

    /** Spreads the records evenly over the booking dates {@code first} to {@code last}. */
    public Builder bookingDates(LocalDate first, LocalDate last) {
      if (last.isBefore(first)) {
        throw new IllegalArgumentException("last booking date before first");
      }
      this.firstDate = first;
      this.lastDate = last;
      return this;
    }

    /** Sets the access token lifetime (default 5 minutes). */
    public Builder accessTokenLifetime(Duration lifetime) {
      this.accessTokenLifetime = lifetime;
      return this;
    }

    /** Sets the clock for TOTP checks and token expiry (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Builds the fake (not started). */
    public VestrFake build() {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(otpSecret, "otpSecret");
      return new VestrFake(this);
    }
  }
}
