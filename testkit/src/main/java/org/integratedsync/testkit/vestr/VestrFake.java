package org.integratedsync.testkit.vestr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
 * <p>It is a facade over three fakes on one server: the identity provider ({@code
 * OidcProviderFake}: discovery, login pages, tokens), the web application ({@code WebAppFake}:
 * session mode) and the GraphQL endpoint ({@code GraphQlFake}) with its data ({@code FeeDataSet}).
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

  private static final String REALM_PATH = "/realms/" + OidcProviderFake.REALM;

  private final Builder config;
  private final MockWebServer server = new MockWebServer();
  private final FeeDataSet data;
  private final OidcProviderFake provider;
  private final WebAppFake app;
  private final GraphQlFake graphQl;
  private final CountDownLatch stallReached = new CountDownLatch(1);
  private final CountDownLatch stallReleased = new CountDownLatch(1);

  private VestrFake(Builder config) {
    this.config = config;
    this.data = new FeeDataSet(config.records, config.seed, config.products, config.firstDate, config.lastDate);
    this.provider = new OidcProviderFake(new OidcProviderFake.Options(config.username, config.password,
        config.otpSecret, config.theme, config.hiddenField, config.formPost, config.profileUpdateRequired,
        config.accountDisabled, config.expireAfterPassword, config.errorPageMessage,
        config.accessTokenLifetime, config.clock), this::url);
    this.app = new WebAppFake(provider, config.formPost);
    this.graphQl = new GraphQlFake(data, request -> provider.validBearer(request) || app.hasSession(request));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse response;
        boolean hold;
        synchronized (VestrFake.this) {
          try {
            response = handle(request);
          } catch (RuntimeException e) {
            response = new MockResponse.Builder().code(500).body("fake failed: " + e).build();
          }
          hold = graphQl.takeHold();
        }
        if (hold) { // GraphQlFault.STALL, held outside the lock so that the fake stays usable and closable
          stallReached.countDown();
          stallReleased.await();
        }
        return response;
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
    return provider.issuer();
  }

  /** Returns the web application's URL, the start of a session-mode login ({@code /app}). */
  public URI appUrl() {
    return URI.create(url() + WebAppFake.PATH);
  }

  /** Returns the GraphQL endpoint ({@code /graphql}). */
  public URI graphqlUrl() {
    return URI.create(url() + "/graphql");
  }

  /** Returns the redirect URI registered for {@link #clientId()} (never served). */
  public URI redirectUri() {
    return provider.redirectUri();
  }

  /** Returns the public client id that must use PKCE S256. */
  public String clientId() {
    return OidcProviderFake.CLIENT_ID;
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

  /**
   * Waits until a GraphQL request has reached a queued {@link GraphQlFault#STALL} and is being held.
   *
   * @param timeout how long to wait
   * @return whether it did within the timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitStall(Duration timeout) throws InterruptedException {
    return stallReached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets the responses held by {@link GraphQlFault#STALL} go; later stalls are not held. */
  public void releaseStall() {
    stallReleased.countDown();
  }

  /** Queues faults for the next GraphQL responses, one response each, in order. */
  public synchronized void enqueueFault(GraphQlFault... next) {
    graphQl.enqueueFault(List.of(next));
  }

  /** Makes the token endpoint refuse every refresh token ({@code invalid_grant}) from now on. */
  public synchronized void refuseRefresh(boolean refuse) {
    provider.refuseRefresh(refuse);
  }

  /** Makes every issued access token invalid at once (the next API call gets 401). */
  public synchronized void revokeAccessTokens() {
    provider.revokeAccessTokens();
    app.endSessions();
  }

  /** Returns how many passwords were posted. */
  public long passwordAttempts() {
    return provider.passwordAttempts.get();
  }

  /** Returns how many TOTP codes were posted. */
  public long otpAttempts() {
    return provider.otpAttempts.get();
  }

  /** Returns how many logins completed (authorization code or session issued). */
  public long logins() {
    return provider.logins.get();
  }

  /** Returns how many token-endpoint requests were made. */
  public long tokenRequests() {
    return provider.tokenRequests.get();
  }

  /** Returns how many refresh grants succeeded. */
  public long refreshes() {
    return provider.refreshes.get();
  }

  /** Returns how many GraphQL requests arrived. */
  public long graphQlRequests() {
    return graphQl.requests.get();
  }

  /** Returns how many records were served in successful pages. */
  public long recordsServed() {
    return graphQl.recordsServed.get();
  }

  /** Returns the query document of the last GraphQL request, or null. */
  public String lastQuery() {
    return graphQl.lastQuery();
  }

  /** Returns the number of records in the data set. */
  public long recordCount() {
    return data.recordCount();
  }

  /** Returns how many records have a booking date from {@code from} to {@code to} (inclusive). */
  public long count(LocalDate from, LocalDate to) {
    return data.count(from, to);
  }

  /** Returns the record at {@code index} (0-based, booking-date order), computed from the seed. */
  public FakeFeeRecord record(long index) {
    return data.record(index);
  }

  @Override
  public void close() {
    releaseStall();
    server.close();
  }

  private MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    switch (path) {
      case REALM_PATH + "/.well-known/openid-configuration":
        return provider.discovery();
      case REALM_PATH + "/protocol/openid-connect/auth":
        return provider.authorize(request, url);
      case REALM_PATH + "/login-actions/authenticate":
        return provider.authenticate(request, url);
      case REALM_PATH + "/protocol/openid-connect/token":
        return provider.tokenEndpoint(request);
      case REALM_PATH + "/protocol/openid-connect/userinfo":
        return provider.userinfo(request);
      case WebAppFake.PATH:
      case WebAppFake.PATH + "/":
        return app.app(request);
      case WebAppFake.CALLBACK_PATH:
        return app.callback(request, url);
      case "/graphql":
        return graphQl.handle(request);
      default:
        return new MockResponse.Builder().code(404).body("no such page: " + path + " (" + REALM_PATH + ")")
            .build();
    }
  }

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
