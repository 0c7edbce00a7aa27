package org.integratedsync.vestr;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Immutable configuration of a {@link VestrClient}: where Vestr and its identity provider are, the
 * credentials, the TOTP parameters, the timeouts and how the HTTP client is set up.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} validates the whole configuration
 * and fails with a {@link VestrConfigurationException} (an {@link IllegalArgumentException}) whose
 * {@link VestrConfigurationException#setting() setting()} names the bad setting (never its value
 * when it is a secret). {@link #toString()} masks the password, OTP secret and client secret. Instances are
 * thread-safe.
 */
public final class VestrSettings {
  /** The default Vestr web application. */
  public static final URI DEFAULT_VESTR_URL = URI.create("https://aisfg.delta.vestr.com");

  private final URI vestrUrl;
  private final String username;
  private final String password;
  private final String otpSecret;
  private final AuthMode authMode;
  private final URI oidcIssuer;
  private final String clientId;
  private final String clientSecret;
  private final URI redirectUri;
  private final String scope;
  private final URI graphqlUrl;
  private final Path queryFile;
  private final String totpAlgorithm;
  private final int totpDigits;
  private final Duration totpPeriod;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration tokenRefreshMargin;
  private final int maxRedirects;
  private final int graphqlAttempts;
  private final Duration graphqlBackoff;
  private final Duration graphqlMaxBackoff;
  private final Consumer<? super HttpClient.Builder> httpClientCustomiser;

  private VestrSettings(Builder b) {
    this.vestrUrl = stripTrailingSlash(require(b.vestrUrl, "vestrUrl"));
    requireHttp(vestrUrl, "vestrUrl");
    this.username = requireText(b.username, "username");
    this.password = requireText(b.password, "password");
    this.otpSecret = normaliseOtpSecret(requireText(b.otpSecret, "otpSecret"));
    this.authMode = require(b.authMode, "authMode");
    this.clientSecret = b.clientSecret == null || b.clientSecret.isEmpty() ? null : b.clientSecret;
    this.scope = requireText(b.scope, "scope");
    if (authMode == AuthMode.OIDC) {
      this.oidcIssuer = stripTrailingSlash(require(b.oidcIssuer, "oidcIssuer (required in OIDC mode)"));
      requireHttp(oidcIssuer, "oidcIssuer");
      this.clientId = requireText(b.clientId, "clientId (required in OIDC mode)");
      this.redirectUri = require(b.redirectUri, "redirectUri (required in OIDC mode)");
      requireHttp(redirectUri, "redirectUri");
    } else {
      this.oidcIssuer = b.oidcIssuer == null ? null : stripTrailingSlash(b.oidcIssuer);
      this.clientId = b.clientId;
      this.redirectUri = b.redirectUri;
    }
    this.graphqlUrl = b.graphqlUrl != null ? b.graphqlUrl : URI.create(vestrUrl + "/graphql");
    requireHttp(graphqlUrl, "graphqlUrl");
    this.queryFile = b.queryFile;
    this.totpAlgorithm = requireText(b.totpAlgorithm, "totpAlgorithm");
    if (!totpAlgorithm.matches("HmacSHA(1|256|512)")) {
      throw new VestrConfigurationException("totpAlgorithm",
          "totpAlgorithm must be HmacSHA1, HmacSHA256 or HmacSHA512, was " + totpAlgorithm);
    }
    this.totpDigits = b.totpDigits;
    if (totpDigits < 6 || totpDigits > 8) {
      throw new VestrConfigurationException("totpDigits", "totpDigits must be 6, 7 or 8, was " + totpDigits);
    }
    this.totpPeriod = requirePositive(b.totpPeriod, "totpPeriod");
    this.connectTimeout = requirePositive(b.connectTimeout, "connectTimeout");
    this.requestTimeout = requirePositive(b.requestTimeout, "requestTimeout");
    this.tokenRefreshMargin = require(b.tokenRefreshMargin, "tokenRefreshMargin");
    if (tokenRefreshMargin.isNegative()) {
      throw new VestrConfigurationException("tokenRefreshMargin", "tokenRefreshMargin must not be negative");
    }
    this.maxRedirects = b.maxRedirects;
    if (maxRedirects < 1) {
      throw new VestrConfigurationException("maxRedirects", "maxRedirects must be at least 1, was " + maxRedirects);
    }
    this.graphqlAttempts = b.graphqlAttempts;
    if (graphqlAttempts < 1 || graphqlAttempts > 10) {
      throw new VestrConfigurationException("graphqlAttempts",
          "graphqlAttempts must be 1 to 10, was " + graphqlAttempts);
    }
    this.graphqlBackoff = require(b.graphqlBackoff, "graphqlBackoff");
    this.graphqlMaxBackoff = require(b.graphqlMaxBackoff, "graphqlBackoff");
    if (graphqlBackoff.isNegative() || graphqlMaxBackoff.compareTo(graphqlBackoff) < 0
        || (!graphqlBackoff.isZero() && graphqlMaxBackoff.equals(graphqlBackoff))) {
      throw new VestrConfigurationException("graphqlBackoff", "graphqlBackoff must be zero, or positive "
          + "with a longer maximum, was " + graphqlBackoff + " up to " + graphqlMaxBackoff);
    }
    this.httpClientCustomiser = require(b.httpClientCustomiser, "httpClientCustomiser");
  }

  /**
   * Returns a base32 TOTP secret the way authenticator apps and identity providers show it, in the
   * one form this client uses: white space removed, upper case, trailing {@code =} padding removed.
   * {@code "jbsw y3dp ehpk 3pxp=="} becomes {@code "JBSWY3DPEHPK3PXP"}. {@link Builder#build()}
   * applies it, so {@link #otpSecret()} is always normalised.
   *
   * @throws NullPointerException if {@code secret} is null
   * @throws VestrConfigurationException if nothing is left or a character other than the base32
   *     letters A-Z and digits 2-7 remains (the message never repeats the secret)
   */
  public static String normaliseOtpSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    String stripped = secret.replaceAll("\\s+", "").replaceFirst("=+$", "");
    // checked before upper-casing: Unicode look-alikes such as the dotless i upper-case to ASCII
    if (!stripped.matches("[A-Za-z2-7]+")) {
      throw new VestrConfigurationException("otpSecret", "otpSecret must be base32 (letters A-Z and digits 2-7, "
          + "optionally with spaces and trailing = padding)");
    }
    return stripped.toUpperCase(Locale.ROOT);
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration, for a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.vestrUrl = vestrUrl;
    b.username = username;
    b.password = password;
    b.otpSecret = otpSecret;
    b.authMode = authMode;
    b.oidcIssuer = oidcIssuer;
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.redirectUri = redirectUri;
    b.scope = scope;
    b.graphqlUrl = graphqlUrl;
    b.queryFile = queryFile;
    b.totpAlgorithm = totpAlgorithm;
    b.totpDigits = totpDigits;
    b.totpPeriod = totpPeriod;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.tokenRefreshMargin = tokenRefreshMargin;
    b.maxRedirects = maxRedirects;
    b.graphqlAttempts = graphqlAttempts;
    b.graphqlBackoff = graphqlBackoff;
    b.graphqlMaxBackoff = graphqlMaxBackoff;
    b.httpClientCustomiser = httpClientCustomiser;
    return b;
  }

  /** Returns the web application's URL, without a trailing slash. */
  public URI vestrUrl() {
    return vestrUrl;
  }

  /** Returns the username. */
  public String username() {
    return username;
  }

  /** Returns the password (secret). */
  public String password() {
    return password;
  }

  /** Returns the base32 TOTP secret (secret), normalised by {@link #normaliseOtpSecret(String)}. */
  public String otpSecret() {
    return otpSecret;
  }

  /** Returns the authentication mode. */
  public AuthMode authMode() {
    return authMode;
  }

  /** Returns the OpenID Connect issuer, without a trailing slash; null only in session mode. */
  public URI oidcIssuer() {
    return oidcIssuer;
  }

  /** Returns the OAuth client id; null only in session mode. */
  public String clientId() {
    return clientId;
  }

  /** Returns the client secret of a confidential client (secret), if any. */
  public Optional<String> clientSecret() {
    return Optional.ofNullable(clientSecret);
  }

  /** Returns the redirect URI registered for the client; null only in session mode. */
  public URI redirectUri() {
    return redirectUri;
  }

  /** Returns the scopes asked for, space separated. */
  public String scope() {
    return scope;
  }

  /** Returns the GraphQL endpoint. */
  public URI graphqlUrl() {
    return graphqlUrl;
  }

  /** Returns the file holding a replacement fee-deductions query document, if any. */
  public Optional<Path> queryFile() {
    return Optional.ofNullable(queryFile);
  }

  /** Returns the TOTP HMAC algorithm ({@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}). */
  public String totpAlgorithm() {
    return totpAlgorithm;
  }

  /** Returns the number of TOTP digits (6 to 8). */
  public int totpDigits() {
    return totpDigits;
  }

  /** Returns the TOTP time step. */
  public Duration totpPeriod() {
    return totpPeriod;
  }

  /** Returns the connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the timeout of each request. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Returns how long before its expiry an access token is refreshed. */
  public Duration tokenRefreshMargin() {
    return tokenRefreshMargin;
  }

  /** Returns the most redirects and form submissions one login may take. */
  public int maxRedirects() {
    return maxRedirects;
  }

  /** Returns the most attempts of one GraphQL request when transient failures occur (1: no retry). */
  public int graphqlAttempts() {
    return graphqlAttempts;
  }

  /** Returns the wait before the second GraphQL attempt; it doubles per attempt up to {@link #graphqlMaxBackoff()}. */
  public Duration graphqlBackoff() {
    return graphqlBackoff;
  }

  /** Returns the longest wait between two GraphQL attempts. */
  public Duration graphqlMaxBackoff() {
    return graphqlMaxBackoff;
  }

  /**
   * Returns the customiser applied to the HTTP client's builder (a no-op unless one was set); see
   * {@link Builder#httpClientCustomiser(Consumer)}.
   */
  public Consumer<? super HttpClient.Builder> httpClientCustomiser() {
    return httpClientCustomiser;
  }

  @Override
  public String toString() {
    return "VestrSettings[vestrUrl=" + vestrUrl
        + ", username=" + username
        + ", password=****, otpSecret=****"
        + ", authMode=" + authMode
        + ", oidcIssuer=" + oidcIssuer
        + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null ? "none" : "****")
        + ", redirectUri=" + redirectUri
        + ", scope=" + scope
        + ", graphqlUrl=" + graphqlUrl
        + ", queryFile=" + (queryFile == null ? "built-in" : queryFile)
        + ", totp=" + totpAlgorithm + "/" + totpDigits + "/" + totpPeriod.toSeconds() + "s"
        + ", connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout
        + ", graphqlAttempts=" + graphqlAttempts
        + ", graphqlBackoff=" + graphqlBackoff + ".." + graphqlMaxBackoff
        + "]";
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw invalid(name, name + " must be set");
    }
    return value;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw invalid(name, name + " must be set");
    }
    return value;
  }

  private static Duration requirePositive(Duration value, String name) {
    require(value, name);
    if (value.isZero() || value.isNegative()) {
      throw invalid(name, name + " must be positive, was " + value);
    }
    return value;
  }

  private static void requireHttp(URI uri, String name) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw invalid(name, name + " must be an absolute http(s) URL, was " + uri);
    }
  }

  /** {@code name} is the setting's name, optionally followed by a note such as "(required in OIDC mode)". */
  private static VestrConfigurationException invalid(String name, String message) {
    int space = name.indexOf(' ');
    return new VestrConfigurationException(space < 0 ? name : name.substring(0, space), message);
  }

  private static URI stripTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }

  /**
   * A mutable builder of {@link VestrSettings}; not thread-safe. {@link #build()} copies and
   * validates.
   */
  public static final class Builder {
    private URI vestrUrl = DEFAULT_VESTR_URL;
    private String username;
    private String password;
    private String otpSecret;
    private AuthMode authMode = AuthMode.OIDC;
    private URI oidcIssuer;
    private String clientId;
    private String clientSecret;
    private URI redirectUri;
    private String scope = "openid";
    private URI graphqlUrl;
    private Path queryFile;
    private String totpAlgorithm = "HmacSHA1";
    private int totpDigits = 6;
    private Duration totpPeriod = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration tokenRefreshMargin = Duration.ofSeconds(30);
    private int maxRedirects = 30;
    private int graphqlAttempts = 3;
    private Duration graphqlBackoff = Duration.ofSeconds(1);
    private Duration graphqlMaxBackoff = Duration.ofSeconds(8);
    private Consumer<? super HttpClient.Builder> httpClientCustomiser = builder -> {};

    private Builder() {}

    /** Sets the web application's URL (default {@link VestrSettings#DEFAULT_VESTR_URL}). */
    public Builder vestrUrl(URI vestrUrl) {
      this.vestrUrl = vestrUrl;
      return this;
    }

    /** Sets the username. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Sets the password. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /**
     * Sets the base32 TOTP secret; spaces, lower case and trailing padding are allowed (see {@link
     * VestrSettings#normaliseOtpSecret(String)}).
     */
    public Builder otpSecret(String otpSecret) {
      this.otpSecret = otpSecret;
      return this;
    }

    /** Sets the authentication mode (default {@link AuthMode#OIDC}). */
    public Builder authMode(AuthMode authMode) {
      this.authMode = authMode;
      return this;
    }

    /** Sets the OpenID Connect issuer, for example {@code https://sso.example/realms/vestr}. */
    public Builder oidcIssuer(URI oidcIssuer) {
      this.oidcIssuer = oidcIssuer;
      return this;
    }

    /** Sets the OAuth client id. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Sets the client secret of a confidential client (null or empty for a public client). */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** Sets the redirect URI registered for the client; it is never fetched. */
    public Builder redirectUri(URI redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /** Sets the scopes, space separated (default {@code openid}). */
    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** Sets the GraphQL endpoint (default: the Vestr URL + {@code /graphql}). */
    public Builder graphqlUrl(URI graphqlUrl) {
      this.graphqlUrl = graphqlUrl;
      return this;
    }

    /** Sets a file with a replacement fee-deductions query document (null: the built-in one). */
    public Builder queryFile(Path queryFile) {
      this.queryFile = queryFile;
      return this;
    }

    /** Sets the TOTP HMAC algorithm (default {@code HmacSHA1}). */
    public Builder totpAlgorithm(String totpAlgorithm) {
      this.totpAlgorithm = totpAlgorithm;
      return this;
    }

    /** Sets the number of TOTP digits (default 6). */
    public Builder totpDigits(int totpDigits) {
      this.totpDigits = totpDigits;
      return this;
    }

    /** Sets the TOTP time step (default 30 s). */
    public Builder totpPeriod(Duration totpPeriod) {
      this.totpPeriod = totpPeriod;
      return this;
    }

    /** Sets the connect timeout (default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Sets the timeout of each request (default 60 s). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Sets how long before its expiry an access token is refreshed (default 30 s). */
    public Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
      this.tokenRefreshMargin = tokenRefreshMargin;
      return this;
    }

    /** Sets the most redirects and form submissions one login may take (default 30). */
    public Builder maxRedirects(int maxRedirects) {
      this.maxRedirects = maxRedirects;
      return this;
    }

    /**
     * Sets the most attempts of one GraphQL request (default 3; 1 turns retrying off, at most 10).
     * Only transient failures are tried again: the request could not be sent or its answer not
     * read (reset or refused connection, timeout), or the endpoint answered 502, 503 or 504. Other
     * statuses (4xx, 500), GraphQL {@code errors} and malformed answers fail at once. The requests
     * are reads (the fee-deductions query), so repeating one changes nothing on the server.
     */
    public Builder graphqlAttempts(int attempts) {
      this.graphqlAttempts = attempts;
      return this;
    }

    /**
     * Sets the wait before the second GraphQL attempt, doubling for each further one up to {@code
     * max} (default 1 s up to 8 s; both zero: no wait).
     */
    public Builder graphqlBackoff(Duration first, Duration max) {
      this.graphqlBackoff = first;
      this.graphqlMaxBackoff = max;
      return this;
    }

    /**
     * Sets a customiser of the JDK {@link HttpClient} the client builds (one per {@link
     * VestrClient}), for what an embedding application controls: a proxy ({@link
     * HttpClient.Builder#proxy}), TLS ({@link HttpClient.Builder#sslContext}, {@link
     * HttpClient.Builder#sslParameters}), the {@link HttpClient.Builder#executor executor}, the
     * HTTP version or an {@link HttpClient.Builder#authenticator authenticator}
     * for the proxy. Default: none.
     *
     * <p>It runs once per client, after the {@link #connectTimeout(Duration) connect timeout} is set
     * (so it may replace it) and before two settings the login depends on, which are then set again
     * and cannot be changed: redirects are never followed automatically ({@link
     * HttpClient.Redirect#NEVER}; the login follows them itself, to read each page and stop at the
     * redirect URI), and the cookie handler is the client's own jar (the login keeps Keycloak's and
     * the web application's cookies there). The request timeout is set on each request, not here.
     *
     * @throws NullPointerException if {@code customiser} is null
     */
    public Builder httpClientCustomiser(Consumer<? super HttpClient.Builder> customiser) {
      this.httpClientCustomiser = Objects.requireNonNull(customiser, "customiser");
      return this;
    }

    /**
     * Validates and returns the settings.
     *
     * @throws VestrConfigurationException naming the first missing or invalid setting
     */
    public VestrSettings build() {
      return new VestrSettings(this);
    }
  }
}
