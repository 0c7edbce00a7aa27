package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An embedder's customiser of the HTTP client: applied, and unable to break the login. */
class HttpClientCustomiserTest {
  private VestrFake fake;
  private final MockWebServer proxy = new MockWebServer();
  private final List<String> proxied = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    fake = VestrFake.builder().records(40).bookingDates(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31))
        .build().start();
    proxy.setDispatcher(new ForwardingProxy());
    proxy.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    fake.close();
    proxy.close();
  }

  private VestrSettings.Builder oidc() {
    return VestrSettings.builder()
        .vestrUrl(fake.url())
        .oidcIssuer(fake.issuer())
        .clientId(fake.clientId())
        .redirectUri(fake.redirectUri())
        .username(fake.username())
        .password(fake.password())
        .otpSecret(fake.otpSecret());
  }

  @Test
  void everyRequestGoesThroughTheEmbeddersProxy() {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", proxy.getPort());
    VestrClient client = VestrClient.create(
        oidc().httpClientCustomiser(http -> http.proxy(ProxySelector.of(address))).build());

    FetchSummary summary = client.fetchFeeDeductions(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31), 25,
        page -> {});

    assertThat(summary.records()).isEqualTo(40);
    assertThat(fake.logins()).isEqualTo(1);
    // the proxy saw the whole conversation: the login pages, the token endpoint and both pages
    assertThat(proxied).anyMatch(line -> line.startsWith("GET " + fake.issuer() + "/protocol/openid-connect/auth?"))
        .anyMatch(line -> line.startsWith("POST " + fake.issuer() + "/login-actions/authenticate?"))
        .contains("POST " + fake.issuer() + "/protocol/openid-connect/token");
    assertThat(proxied.stream().filter(line -> line.equals("POST " + fake.graphqlUrl()))).hasSize(2);
  }

  @Test
  void theEmbeddersExecutorRunsTheClientsWork() {
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      VestrClient client = VestrClient.create(oidc().httpClientCustomiser(http -> http.executor(task -> {
        tasks.incrementAndGet();
        pool.execute(task);
      })).build());

      client.login();

      assertThat(fake.logins()).isEqualTo(1);
      assertThat(tasks).hasPositiveValue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void redirectPolicyAndCookieJarCannotBeReplaced() {
    // following redirects would fetch the (never served) redirect URI instead of reading the code
    // from it, and a jar of its own would hold back Keycloak's Secure cookies on http://127.0.0.1
    VestrClient client = VestrClient.create(oidc().httpClientCustomiser(http -> http
        .followRedirects(HttpClient.Redirect.ALWAYS)
        .cookieHandler(new CookieManager())).build());

    client.login();

    assertThat(client.accessToken()).startsWith("fake-at-");
    assertThat(fake.logins()).isEqualTo(1);
  }

  @Test
  void theDefaultIsNoCustomiser() {
    VestrSettings settings = oidc().build();
    HttpClient.Builder builder = HttpClient.newBuilder();
    settings.httpClientCustomiser().accept(builder);
    assertThat(builder.build().proxy()).isEmpty();
    assertThat(settings.toBuilder().build().httpClientCustomiser()).isSameAs(settings.httpClientCustomiser());
  }

  /**
   * A plain-http forwarding proxy: records each request line (absolute-form, as a client sends it
   * to a proxy) and passes the request on to its origin, redirects and cookies untouched.
   */
  private final class ForwardingProxy extends Dispatcher {
    private final HttpClient upstream = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "proxy-connection",
        "keep-alive", "transfer-encoding", "upgrade");

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      URI target = request.getUrl().uri();
      proxied.add(request.getMethod() + " " + target);
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
      HttpRequest.Builder forward = HttpRequest.newBuilder(target)
          .method(request.getMethod(), body.length == 0 && "GET".equals(request.getMethod())
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      request.getHeaders().forEach(header -> {
        if (!HOP_BY_HOP.contains(header.getFirst().toLowerCase(java.util.Locale.ROOT))) {
          forward.header(header.getFirst(), header.getSecond());
        }
      });
      HttpResponse<byte[]> response;
      try {
        response = upstream.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        return new MockResponse.Builder().code(502).body("proxy: " + e).build();
      }
      MockResponse.Builder answer = new MockResponse.Builder().code(response.statusCode());
      for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
        if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))
            && !header.getKey().startsWith(":")) {
          header.getValue().forEach(value -> answer.addHeader(header.getKey(), value));
        }
      }
      return answer.body(new Buffer().write(response.body())).build();
    }
  }
}
