package org.integratedsync.vestr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.integratedsync.vestr.LoginException;
import org.integratedsync.vestr.MalformedResponseException;
import org.integratedsync.vestr.TokenRequestException;
import org.integratedsync.vestr.VestrHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect sign-in: authorization code with PKCE (S256) through the login pages, the code
 * exchanged at the token endpoint, the access token refreshed shortly before it expires, and a new
 * login when the refresh token is refused.
 */
public final class OidcAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(OidcAuthenticator.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Http http;
  private final LoginFlow flow;
  private final ObjectMapper json;
  private final Clock clock;
  private final URI issuer;
  private final String clientId;
  private final String clientSecret;
  private final URI redirectUri;
  private final String scope;
  private final Duration refreshMargin;

  private Endpoints endpoints;
  private Tokens tokens;

  /** Creates the authenticator; nothing is fetched until the first login. */
  public OidcAuthenticator(Http http, LoginFlow flow, ObjectMapper json, Clock clock, URI issuer,
      String clientId, String clientSecret, URI redirectUri, String scope, Duration refreshMargin) {
    this.http = http;
    this.flow = flow;
    this.json = json;
    this.clock = clock;
    this.issuer = issuer;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.redirectUri = redirectUri;
    this.scope = scope;
    this.refreshMargin = refreshMargin;
  }

  /** The endpoints read from the issuer's discovery document. */
  public record Endpoints(URI authorization, URI token, URI userinfo) {}

  /** Returns the issuer's endpoints, fetching the discovery document once. */
  public Endpoints endpoints() {
    if (endpoints == null) {
      URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
      HttpResponse<String> response = http.send(
          http.request(discovery).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new VestrHttpException("OpenID configuration " + discovery + " answered HTTP "
            + response.statusCode() + "; check the issuer URL", response.statusCode(), discovery);
      }
      JsonNode doc = parse(response.body(), "OpenID configuration " + discovery);
      endpoints = new Endpoints(
          requireUri(doc, "authorization_endpoint", discovery),
          requireUri(doc, "token_endpoint", discovery),
          doc.hasNonNull("userinfo_endpoint") ? URI.create(doc.get("userinfo_endpoint").asText()) : null);
    }
    return endpoints;
  }

  @Override
  public void login() {
    tokens = null;
    Endpoints ep = endpoints();
    String state = random(24);
    String nonce = random(24);
    String verifier = random(48);
    String challenge = base64Url(sha256(verifier));
    URI authorization = URI.create(ep.authorization() + (ep.authorization().getRawQuery() == null ? "?" : "&")
        + "response_type=code"
        + "&client_id=" + Urls.encode(clientId)
        + "&redirect_uri=" + Urls.encode(redirectUri.toString())
        + "&scope=" + Urls.encode(scope)
        + "&state=" + state
        + "&nonce=" + nonce
        + "&code_challenge=" + challenge
        + "&code_challenge_method=S256");
    Map<String, String> result = flow.authorize(authorization, redirectUri);
    if (result.containsKey("error")) {
      throw new LoginException("authorization refused: " + result.get("error")
          + (result.containsKey("error_description") ? " (" + result.get("error_description") + ")" : ""),
          null, result.get("error_description"));
    }
    if (!state.equals(result.get("state"))) {
      throw new LoginException("authorization response carries a different state (possible forgery);"
          + " login abandoned", null, null);
    }
    String iss = result.get("iss");
    if (iss != null && !iss.replaceAll("/+$", "").equals(issuer.toString())) {
      // RFC 9207: a response from another issuer is a mix-up attack or a misconfiguration
      throw new LoginException("authorization response comes from issuer " + iss + ", expected "
          + issuer, null, null);
    }
    String code = result.get("code");
    if (code == null || code.isEmpty()) {
      throw new LoginException("authorization response carries no code", null, null);
    }
    List<Map.Entry<String, String>> form = new ArrayList<>();
    form.add(entry("grant_type", "authorization_code"));
    form.add(entry("code", code));
    form.add(entry("redirect_uri", redirectUri.toString()));
    form.add(entry("code_verifier", verifier));
    tokens = tokenRequest(form, "authorization code exchange");
    log.info("signed in at {} as client {}", issuer, clientId);
  }

  @Override
  public void authorize(HttpRequest.Builder request) {
    request.header("Authorization", "Bearer " + accessToken());
  }

  @Override
  public void invalidate() {
    if (tokens != null) {
      tokens = new Tokens(tokens.accessToken, Instant.EPOCH, tokens.refreshToken, tokens.refreshExpiresAt);
    }
  }

  /** Returns a current access token: refreshed shortly before it expires, or from a new login. */
  public String accessToken() {
    Instant now = clock.instant();
    if (tokens == null) {
      login();
    } else if (!now.isBefore(tokens.expiresAt.minus(refreshMargin))) {
      if (tokens.refreshToken != null
          && (tokens.refreshExpiresAt == null || now.isBefore(tokens.refreshExpiresAt))) {
        try {
          List<Map.Entry<String, String>> form = new ArrayList<>();
          form.add(entry("grant_type", "refresh_token"));
          form.add(entry("refresh_token", tokens.refreshToken));
          tokens = tokenRequest(form, "token refresh");
          log.debug("access token refreshed");
        } catch (TokenRequestException e) {
          log.info("refresh refused ({}); signing in again", e.error());
          login();
        }
      } else {
        log.debug("no usable refresh token; signing in again");
        login();
      }
    }
    return tokens.accessToken;
  }

  /** Returns the instant the current access token expires, or null before the first login. */
  public Instant accessTokenExpiry() {
    return tokens == null ? null : tokens.expiresAt;
  }

  private Tokens tokenRequest(List<Map.Entry<String, String>> form, String what) {
    form.add(entry("client_id", clientId));
    if (clientSecret != null) {
      form.add(entry("client_secret", clientSecret));
    }
    URI tokenUri = endpoints().token();
    Instant sentAt = clock.instant();
    HttpResponse<String> response = http.send(http.request(tokenUri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Urls.form(form), StandardCharsets.UTF_8))
        .build(), HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status != 200) {
      String error = null;
      String description = null;
      try {
        JsonNode body = json.readTree(response.body());
        error = body.path("error").asText(null);
        description = body.path("error_description").asText(null);
      } catch (IOException | RuntimeException e) {
        // not JSON: the status alone says enough
      }
      throw new TokenRequestException(what + " refused by " + Urls.safe(tokenUri) + ": HTTP " + status
          + (error == null ? "" : ", " + error) + (description == null ? "" : " (" + description + ")"),
          status, error);
    }
    JsonNode body = parse(response.body(), "token response from " + Urls.safe(tokenUri));
    String access = body.path("access_token").asText("");
    if (access.isEmpty()) {
      throw new MalformedResponseException("token response from " + Urls.safe(tokenUri)
          + " has no access_token", null, "access_token");
    }
    long expiresIn = body.path("expires_in").asLong(300);
    String refresh = body.path("refresh_token").asText(null);
    long refreshExpiresIn = body.path("refresh_expires_in").asLong(0);
    return new Tokens(access, sentAt.plusSeconds(expiresIn), refresh,
        refreshExpiresIn > 0 ? sentAt.plusSeconds(refreshExpiresIn) : null);
  }

  private JsonNode parse(String body, String what) {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new MalformedResponseException(what + " is not a JSON object", null, null);
      }
      return node;
    } catch (IOException e) {
      throw new MalformedResponseException(what + " is not valid JSON", e);
    }
  }

  private static URI requireUri(JsonNode doc, String field, URI source) {
    String value = doc.path(field).asText("");
    if (value.isEmpty()) {
      throw new MalformedResponseException("OpenID configuration " + source + " lacks " + field,
          null, field);
    }
    return URI.create(value);
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return base64Url(buffer);
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  /** The current token set; the token values never appear in toString. */
  private static final class Tokens {
    final String accessToken;
    final Instant expiresAt;
    final String refreshToken;
    final Instant refreshExpiresAt;

    Tokens(String accessToken, Instant expiresAt, String refreshToken, Instant refreshExpiresAt) {
      this.accessToken = accessToken;
      this.expiresAt = expiresAt;
      this.refreshToken = refreshToken;
      this.refreshExpiresAt = refreshExpiresAt;
    }

    @Override
    public String toString() {
      return "Tokens[expiresAt=" + expiresAt + "]";
    }
  }
}
