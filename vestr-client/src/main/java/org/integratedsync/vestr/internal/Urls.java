package org.integratedsync.vestr.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** URL helpers; {@link #safe(URI)} is what goes into messages and logs. */
public final class Urls {
  private Urls() {}

  /** Returns the URI without query and fragment, which may carry codes and session ids. */
  public static String safe(URI uri) {
    if (uri == null) {
      return "?";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    // drop user info: it may hold credentials
    int at = authority.lastIndexOf('@');
    return scheme + (at >= 0 ? authority.substring(at + 1) : authority) + path;
  }

  /** Encodes name/value pairs as application/x-www-form-urlencoded. */
  public static String form(List<Map.Entry<String, String>> fields) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> field : fields) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(encode(field.getKey())).append('=').append(encode(field.getValue()));
    }
    return sb.toString();
  }

  /** Encodes one query or form component. */
  public static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /** Parses a query string; the first value of a repeated name wins. */
  public static Map<String, String> query(URI uri) {
    Map<String, String> result = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.putIfAbsent(name, value);
    }
    return result;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  /** Whether two URIs have the same scheme, host, effective port and path (query ignored). */
  public static boolean sameEndpoint(URI a, URI b) {
    return sameOrigin(a, b) && normalisePath(a.getPath()).equals(normalisePath(b.getPath()));
  }

  /** Whether two URIs have the same scheme, host and effective port. */
  public static boolean sameOrigin(URI a, URI b) {
    if (a.getScheme() == null || b.getScheme() == null || a.getHost() == null || b.getHost() == null) {
      return false;
    }
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String normalisePath(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
