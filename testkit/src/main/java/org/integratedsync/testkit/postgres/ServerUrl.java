package org.integratedsync.testkit.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Parses {@code TEST_DATABASE_URL} in libpq form ({@code postgresql://user:pass@host:port/db?sslmode=...})
 * or JDBC form ({@code jdbc:postgresql://host:port/db?user=...&password=...}).
 *
 * <p>A deliberately small, separate parser: fee-store has its own, and the two must not share code.
 */
final class ServerUrl {

  private ServerUrl() {}

  /**
   * Parses a server URL.
   *
   * @throws IllegalArgumentException naming the problem (never the password) if the URL is malformed
   */
  static PostgresDatabase parse(String url) {
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return parseJdbc(trimmed);
    }
    if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
      return parseLibpq(trimmed);
    }
    throw new IllegalArgumentException(
        "TEST_DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:");
  }

  private static PostgresDatabase parseJdbc(String url) {
    Properties properties = Driver.parseURL(url, new Properties());
    if (properties == null) {
      throw new IllegalArgumentException("TEST_DATABASE_URL is not a valid JDBC PostgreSQL URL");
    }
    String host = properties.getProperty("PGHOST", "localhost").split(",")[0];
    String port = properties.getProperty("PGPORT", "5432").split(",")[0];
    String user = properties.getProperty("user", System.getProperty("user.name"));
    String password = properties.getProperty("password", "");
    String name = properties.getProperty("PGDBNAME", user);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!key.startsWith("PG") && !key.equals("user") && !key.equals("password")) {
        parameters.put(key, properties.getProperty(key));
      }
    }
    return new PostgresDatabase(unbracket(host), parsePort(port), name, user, password, parameters);
  }

  private static PostgresDatabase parseLibpq(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("TEST_DATABASE_URL is not a valid URL (at index " + e.getIndex() + ")");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("TEST_DATABASE_URL has no host");
    }
    String user = System.getProperty("user.name");
    String password = "";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    String path = uri.getRawPath();
    String name = path == null || path.length() <= 1 ? user : decode(path.substring(1));
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        switch (key) {
          case "user" -> user = value;
          case "password" -> password = value;
          case "dbname" -> name = value;
          default -> parameters.put(key, value);
        }
      }
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new PostgresDatabase(unbracket(host), port, name, user, password, parameters);
  }

  private static int parsePort(String port) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("TEST_DATABASE_URL has a port that is not a number: " + port);
    }
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String decode(String text) {
    // '+' is a literal plus in a URL's user info and path, so protect it from URLDecoder.
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
