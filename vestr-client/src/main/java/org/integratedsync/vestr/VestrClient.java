package org.integratedsync.vestr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.integratedsync.vestr.internal.Authenticator;
import org.integratedsync.vestr.internal.FeeDeductionParser;
import org.integratedsync.vestr.internal.GraphQlRetrier;
import org.integratedsync.vestr.internal.Http;
import org.integratedsync.vestr.internal.Json;
import org.integratedsync.vestr.internal.LoginFlow;
import org.integratedsync.vestr.internal.OidcAuthenticator;
import org.integratedsync.vestr.internal.SessionAuthenticator;
import org.integratedsync.vestr.internal.Totp;
import org.integratedsync.vestr.internal.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Vestr platform: signs in through Keycloak's login pages (password and TOTP) and
 * reads fee deductions from the GraphQL API page by page.
 *
 * <p>Typical use:
 * <pre>{@code
 * VestrClient client = VestrClient.create(settings);
 * FetchSummary summary = client.fetchFeeDeductions(from, to, 500, page -> page.forEach(System.out::println));
 * }</pre>
 *
 * <p>Signing in happens on the first request (or explicitly with {@link #login()}); in
 * {@link AuthMode#OIDC} mode the access token is refreshed shortly before it expires and a new
 * login follows when the refresh is refused; an HTTP 401 from the API leads to one refresh or new
 * login and one retry. A GraphQL request that fails transiently (the connection fails, or the
 * endpoint answers 502, 503 or 504) is sent again, at most {@link VestrSettings#graphqlAttempts()}
 * times in all with exponential backoff; other statuses, GraphQL {@code errors} and malformed
 * answers fail at once. Methods are synchronized: one request at a time per client. Every failure is
 * a {@link VestrException} subclass; messages never contain secrets.
 */
public final class VestrClient {
  private static final Logger log = LoggerFactory.getLogger(VestrClient.class);
  private static final String BUILT_IN_QUERY = "fee-deductions.graphql";

  private final VestrSettings settings;
  private final ObjectMapper json;
  private final Http http;
  private final Authenticator authenticator;
  private final String query;
  private final GraphQlRetrier retrier;

  private VestrClient(VestrSettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.retrier = new GraphQlRetrier(settings.graphqlAttempts(), settings.graphqlBackoff(),
        settings.graphqlMaxBackoff(), sleeper);
    this.json = Json.mapper();
    this.http = new Http(settings.connectTimeout(), settings.requestTimeout(),
        settings.httpClientCustomiser());
    this.query = loadQuery(settings.queryFile().orElse(null));
    Totp totp = Totp.fromBase32(settings.otpSecret(), settings.totpAlgorithm(),
        settings.totpDigits(), settings.totpPeriod());
    LoginFlow flow = new LoginFlow(http, totp, clock, settings.username(), settings.password(),
        settings.maxRedirects());
    if (settings.authMode() == AuthMode.OIDC) {
      this.authenticator = new OidcAuthenticator(http, flow, json, clock, settings.oidcIssuer(),
          settings.clientId(), settings.clientSecret().orElse(null), settings.redirectUri(),
          settings.scope(), settings.tokenRefreshMargin());
    } else {
      this.authenticator = new SessionAuthenticator(http, flow, settings.vestrUrl());
    }
  }

  /**
   * Creates a client on the system clock; nothing is sent yet.
   *
   * @throws VestrException if the configured query file cannot be read
   */
  public static VestrClient create(VestrSettings settings) {
    return create(settings, Clock.systemUTC());
  }

  /**
   * Creates a client whose TOTP codes and token expiry follow {@code clock}; nothing is sent yet.
   *
   * @throws VestrException if the configured query file cannot be read
   */
  public static VestrClient create(VestrSettings settings, Clock clock) {
    return create(settings, clock, Sleeper.SYSTEM);
  }

  /**
   * Creates a client whose TOTP codes and token expiry follow {@code clock} and which waits
   * between GraphQL attempts through {@code sleeper}; nothing is sent yet.
   *
   * @throws VestrException if the configured query file cannot be read
   */
  public static VestrClient create(VestrSettings settings, Clock clock, Sleeper sleeper) {
    return new VestrClient(Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"));
  }

  /** Returns the settings. */
  public VestrSettings settings() {
    return settings;
  }

  /** Returns the GraphQL query document in use (built in or from the query file). */
  public String queryDocument() {
    return query;
  }

  /**
   * Signs in now, replacing any earlier session.
   *
   * @throws LoginException (or a subclass) when the sign-in fails
   * @throws VestrConnectionException when a server cannot be reached
   */
  public synchronized void login() {
    authenticator.login();
  }

  /**
   * Returns a valid access token ({@link AuthMode#OIDC} mode), refreshing it or signing in first
   * when needed; for callers that use other endpoints of the same API.
   *
   * @throws IllegalStateException in {@link AuthMode#SESSION} mode
   * @throws LoginException when signing in fails
   */
  public synchronized String accessToken() {
    if (!(authenticator instanceof OidcAuthenticator)) {
      throw new IllegalStateException("no access token in SESSION mode");
    }
    return ((OidcAuthenticator) authenticator).accessToken();
  }

  /**
   * Fetches the fee deductions booked from {@code from} to {@code to} (both included) and hands
   * them to {@code consumer} one page at a time, in the server's order; only one page is held in
   * memory. An exception from the consumer stops the fetch and propagates.
   *
   * @param pageSize records asked for per page ({@code first}), 1 to 10,000
   * @return how many pages and records were handed on
   * @throws GraphQlException when the server answers with GraphQL errors
   * @throws VestrHttpException on an HTTP status other than 200 (after one re-login on 401)
   * @throws MalformedResponseException on invalid JSON or a record with a missing or bad field
   * @throws LoginException when signing in fails
   * @throws VestrConnectionException when the server cannot be reached
   */
  public synchronized FetchSummary fetchFeeDeductions(LocalDate from, LocalDate to, int pageSize,
      Consumer<? super List<FeeDeduction>> consumer) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(consumer, "consumer");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("window ends (" + to + ") before it starts (" + from + ")");
    }
    if (pageSize < 1 || pageSize > 10_000) {
      throw new IllegalArgumentException("pageSize must be 1 to 10000, was " + pageSize);
    }
    String after = null;
    int pages = 0;
    long records = 0;
    while (true) {
      ObjectNode variables = json.createObjectNode();
      variables.put("from", from.toString());
      variables.put("to", to.toString());
      variables.put("first", pageSize);
      if (after == null) {
        variables.putNull("after");
      } else {
        variables.put("after", after);
      }
      FeeDeductionParser.Page page = FeeDeductionParser.parse(execute(variables));
      pages++;
      records += page.records().size();
      log.debug("fee deductions {}..{}: page {} with {} records", from, to, pages,
          page.records().size());
      consumer.accept(page.records());
      if (!page.hasNextPage()) {
        break;
      }
      if (page.endCursor() == null || page.endCursor().equals(after)) {
        throw new MalformedResponseException("page " + pages + " says hasNextPage but its endCursor is "
            + (page.endCursor() == null ? "missing" : "the same as before") + "; stopping to avoid a loop",
            null, "pageInfo.endCursor");
      }
      after = page.endCursor();
    }
    return new FetchSummary(from, to, pages, records);
  }

  /**
   * Proves that signing in and the GraphQL endpoint work together, changing nothing: signs in if
   * needed and runs the fee-deductions query once for the one-day window {@code day} with {@code
   * first: 1}, through the configured authentication mode. A wrong endpoint or authentication mode
   * fails here the way a fetch would.
   *
   * @return the number of records on that one page (0 or 1)
   * @throws GraphQlException when the server answers with GraphQL errors
   * @throws VestrHttpException on an HTTP status other than 200 (after one re-login on 401)
   * @throws MalformedResponseException when the answer is not the expected JSON shape
   * @throws LoginException when signing in fails
   * @throws VestrConnectionException when the server cannot be reached
   */
  public synchronized int probe(LocalDate day) {
    Objects.requireNonNull(day, "day");
    ObjectNode variables = json.createObjectNode();
    variables.put("from", day.toString());
    variables.put("to", day.toString());
    variables.put("first", 1);
    variables.putNull("after");
    return FeeDeductionParser.parse(execute(variables)).records().size();
  }

  /** Posts the query with {@code variables}; returns {@code data}. */
  private JsonNode execute(ObjectNode variables) {
    ObjectNode body = json.createObjectNode();
    body.put("query", query);
    body.set("variables", variables);
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise GraphQL request", e);
    }
    URI uri = settings.graphqlUrl();
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request = http.request(uri)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
      authenticator.authorize(request);
      HttpRequest built = request.build();
      HttpResponse<byte[]> response = retrier.run("GraphQL request to " + Urls.safe(uri),
          () -> sendReadingTheBody(built));
      int status = response.statusCode();
      boolean unauthorized = status == 401
          || (settings.authMode() == AuthMode.SESSION && status >= 300 && status < 400);
      if (unauthorized) {
        if (attempt == 1) {
          log.info("GraphQL endpoint answered HTTP {}; signing in again", status);
          authenticator.invalidate();
          continue;
        }
        throw new VestrHttpException("GraphQL endpoint " + Urls.safe(uri) + " answered HTTP " + status
            + " again after signing in anew", status, URI.create(Urls.safe(uri)));
      }
      if (status != 200) {
        throw new VestrHttpException("GraphQL endpoint " + Urls.safe(uri) + " answered HTTP " + status,
            status, URI.create(Urls.safe(uri)));
      }
      return data(response);
    }
  }

  /**
   * Sends one GraphQL request and reads the whole answer (one page), so that a connection lost
   * while reading is a transient failure the retrier sees; 502, 503 and 504 throw here, for the
   * same reason.
   */
  private HttpResponse<byte[]> sendReadingTheBody(HttpRequest request) {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    if (GraphQlRetrier.isTransientStatus(status)) {
      throw new VestrHttpException("GraphQL endpoint " + Urls.safe(request.uri()) + " answered HTTP " + status,
          status, URI.create(Urls.safe(request.uri())));
    }
    return response;
  }

  private JsonNode data(HttpResponse<byte[]> response) {
    JsonNode root;
    try {
      root = json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException("GraphQL response is not valid JSON (truncated?): "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new VestrConnectionException("reading the GraphQL response failed: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedResponseException("GraphQL response is empty or not a JSON object", null, null);
    }
    JsonNode errors = root.get("errors");
    JsonNode data = root.get("data");
    boolean dataPresent = data != null && !data.isNull();
    if (errors != null && !errors.isNull() && !(errors.isArray() && errors.isEmpty())) {
      List<String> messages = new ArrayList<>();
      if (errors.isArray()) {
        for (JsonNode error : errors) {
          messages.add(error.path("message").asText(error.toString()));
        }
      } else {
        messages.add(errors.toString());
      }
      throw new GraphQlException(messages, dataPresent);
    }
    if (!dataPresent) {
      throw new MalformedResponseException("GraphQL response has neither data nor errors", null, "data");
    }
    return data;
  }

  private static String loadQuery(Path file) {
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
          throw new VestrException("query file " + file + " is empty");
        }
        return text;
      } catch (IOException e) {
        throw new VestrException("query file " + file + " cannot be read: " + e.getMessage(), e);
      }
    }
    try (InputStream in = VestrClient.class.getResourceAsStream(BUILT_IN_QUERY)) {
      if (in == null) {
        throw new IllegalStateException("built-in query " + BUILT_IN_QUERY + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
