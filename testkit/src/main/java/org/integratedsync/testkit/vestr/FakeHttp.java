package org.integratedsync.testkit.vestr;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Small HTTP helpers shared by the parts of {@link VestrFake}. Thread-safe. */
final class FakeHttp {
  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeHttp() {}

  /** An {@code application/json} response. */
  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  /** Returns the value of the request's cookie {@code name}, or null. */
  static String cookie(RecordedRequest request, String name) {
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

  /** Returns the fields of a form-encoded body, the first of each name. */
  static Map<String, String> form(RecordedRequest request) {
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

  /** URL-encodes a query or form value. */
  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Returns {@code bytes} random bytes, base64url: session ids, codes and tokens. */
  static String token(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

}
