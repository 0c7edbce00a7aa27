package org.integratedsync.feestore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A parsed PostgreSQL connection URL ({@code DATABASE_URL}), in libpq form
 * ({@code postgresql://user:password@host:port/database?sslmode=require}, also {@code postgres://}) or
 * JDBC form ({@code jdbc:postgresql://host:port/database?user=...&password=...}), and the data source
 * it describes.
 *
 * <p>In the libpq form user, password and database are percent-decoded; a host may be an IPv6 address
 * in brackets ({@code [::1]}); several {@code host:port} pairs may be given separated by commas; the
 * port defaults to 5432. Query parameters with the same name in libpq and JDBC ({@code sslmode},
 * {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword}, {@code options}) are
 * passed on; {@code application_name}, {@code connect_timeout} and {@code target_session_attrs} are
 * translated; {@code user}, {@code password}, {@code dbname}, {@code host} and {@code port} override the
 * URL's parts. Other parameters are refused, so a typo is not silently ignored.
 *
 * <p>Immutable and thread-safe. {@link #toString()} masks the password.
 */
public final class DatabaseUrl {

  private static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");
  private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
      "sslmode", "sslmode",
      "sslrootcert", "sslrootcert",
      "sslcert", "sslcert",
      "sslkey", "sslkey",
      "sslpassword", "sslpassword",
      "options", "options",
      "application_name", "ApplicationName",
      "connect_timeout", "connectTimeout",
      "target_session_attrs", "targetServerType");

  private final List<String> hosts;
  private final List<Integer> ports;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  private DatabaseUrl(List<String> hosts, List<Integer> ports, String database, String user, String password,
      Map<String, String> parameters) {
    this.hosts = List.copyOf(hosts);
    this.ports = List.copyOf(ports);
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Parses a URL and returns an unpooled data source for it (wrap it in a pool if you need one).
   *
   * @throws InvalidDatabaseUrlException if the URL is malformed; the message names the problem, never the
   *     password
   */
  public static DataSource toDataSource(String url) {
    return parse(url).toDataSource();
  }

  /**
   * Parses a URL in libpq or JDBC form.
   *
   * @throws InvalidDatabaseUrlException if the URL is malformed; the message names the problem, never the
   *     password or any part of the URL that might hold it
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidDatabaseUrlException("it is empty");
    }
    String trimmed = url.trim();
    if (trimmed.regionMatches(true, 0, "jdbc:postgresql:", 0, 16)) {
      return parseJdbc(trimmed);
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
      return parseLibpq(trimmed.substring(trimmed.indexOf("://") + 3));
    }
    throw new InvalidDatabaseUrlException(
        "it must start with postgresql://, postgres:// or jdbc:postgresql:");
  }

  private static DatabaseUrl parseJdbc(String url) {
    Properties properties = Driver.parseURL(url, new Properties());
    if (properties == null) {
      throw new InvalidDatabaseUrlException("not a valid JDBC PostgreSQL URL (expected "
          + "jdbc:postgresql://host:port/database?user=...&password=...)");
    }
    List<String> hosts = new ArrayList<>();
    for (String host : properties.getProperty("PGHOST", "").split(",", -1)) {
      hosts.add(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
    }
    List<Integer> ports = new ArrayList<>();
    for (String port : properties.getProperty("PGPORT", "5432").split(",")) {
      ports.add(parsePort(port));
    }
    if (hosts.stream().anyMatch(String::isBlank)) {
      throw new InvalidDatabaseUrlException("no host given");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!key.startsWith("PG") && !key.equals("user") && !key.equals("password")) {
        parameters.put(key, properties.getProperty(key));
      }
    }
    return new DatabaseUrl(hosts, ports, properties.getProperty("PGDBNAME", ""), properties.getProperty("user"),
        properties.getProperty("password"), parameters);
  }

  private static DatabaseUrl parseLibpq(String rest) {
    int question = rest.indexOf('?');
    String beforeQuery = question < 0 ? rest : rest.substring(0, question);
    String query = question < 0 ? "" : rest.substring(question + 1);
    if (query.indexOf('@') >= 0 && beforeQuery.indexOf('@') < 0) {
      throw new InvalidDatabaseUrlException("a '?' in the user name or password must be percent-encoded as %3F");
    }
    // The last '@' ends the credentials, so an unencoded '@', ':' or '/' in a password still parses.
    int at = beforeQuery.lastIndexOf('@');
    String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
    String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);
    int slash = hostAndPath.indexOf('/');
    String hostList = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
    String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);

    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
      if (user.isEmpty()) {
        user = null;
      }
    }
    List<String> hosts = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    if (!hostList.isEmpty()) {
      for (String entry : hostList.split(",", -1)) {
        parseHostPort(entry, hosts, ports);
      }
    }
    String database = decode(path, "database name");
    Map<String, String> parameters = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String key = decode(equals < 0 ? pair : pair.substring(0, equals), "parameter name");
        String value = decode(equals < 0 ? "" : pair.substring(equals + 1), "parameter '" + key + "'");
        switch (key) {
          case "user" -> user = value;
          case "password" -> password = value;
          case "dbname" -> database = value;
          case "host" -> {
            hosts.clear();
            hosts.addAll(List.of(value.split(",")));
          }
          case "port" -> {
            ports.clear();
            for (String port : value.split(",")) {
              ports.add(parsePort(port));
            }
          }
          default -> {
            String jdbcName = LIBPQ_TO_JDBC.get(key);
            if (jdbcName == null) {
              throw new InvalidDatabaseUrlException("unsupported parameter '" + key + "' (supported: "
                  + String.join(", ", new java.util.TreeSet<>(LIBPQ_TO_JDBC.keySet())) + ")");
            }
            parameters.put(jdbcName, translateValue(key, value));
          }
        }
      }
    }
    if (hosts.isEmpty() || hosts.stream().anyMatch(String::isBlank)) {
      throw new InvalidDatabaseUrlException("no host given (a Unix-socket connection is not supported; "
          + "write the host, for example postgresql://user:password@localhost:5432/database)");
    }
    if (ports.size() > hosts.size()) {
      throw new InvalidDatabaseUrlException("more ports (" + ports.size() + ") than hosts (" + hosts.size() + ")");
    }
    while (ports.size() < hosts.size()) {
      ports.add(ports.isEmpty() ? 5432 : ports.get(ports.size() - 1));
    }
    return new DatabaseUrl(hosts, ports, database, user, password, parameters);
  }

  private static void parseHostPort(String entry, List<String> hosts, List<Integer> ports) {
    String host;
    String port = null;
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) {
        throw new InvalidDatabaseUrlException("an IPv6 host is missing its closing ']'");
      }
      host = entry.substring(1, close);
      String after = entry.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new InvalidDatabaseUrlException("unexpected text after an IPv6 host (expected :port)");
        }
        port = after.substring(1);
      }
      if (!host.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
        throw new InvalidDatabaseUrlException("the IPv6 host is not an address");
      }
    } else {
      int colon = entry.indexOf(':');
      host = colon < 0 ? entry : entry.substring(0, colon);
      port = colon < 0 ? null : entry.substring(colon + 1);
      host = decode(host, "host");
      if (!host.isEmpty() && !host.matches("[A-Za-z0-9._-]+")) {
        throw new InvalidDatabaseUrlException("the host contains characters a host name cannot have "
            + "(a password holding '?', '#' or '%' must be percent-encoded)");
      }
    }
    if (host.isEmpty()) {
      throw new InvalidDatabaseUrlException("no host given");
    }
    hosts.add(host);
    ports.add(port == null || port.isEmpty() ? 5432 : parsePort(port));
  }

  private static int parsePort(String port) {
    if (!port.matches("[0-9]{1,5}")) {
      throw new InvalidDatabaseUrlException("the port is not a number");
    }
    int value = Integer.parseInt(port);
    if (value < 1 || value > 65535) {
      throw new InvalidDatabaseUrlException("the port " + value + " is outside 1..65535");
    }
    return value;
  }

  private static String translateValue(String libpqName, String value) {
    if (libpqName.equals("target_session_attrs")) {
      return switch (value) {
        case "read-write", "primary" -> "primary";
        case "read-only", "standby" -> "secondary";
        case "prefer-standby" -> "preferSecondary";
        case "any" -> "any";
        default -> throw new InvalidDatabaseUrlException("unsupported target_session_attrs value '" + value + "'");
      };
    }
    return value;
  }

  private static String decode(String text, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new InvalidDatabaseUrlException("broken percent-encoding in the " + what);
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new InvalidDatabaseUrlException("broken percent-encoding in the " + what);
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Returns a new unpooled data source for this URL.
   *
   * @throws InvalidDatabaseUrlException if the driver refuses a parameter
   */
  public DataSource toDataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    // pgjdbc writes server names into a URL as they are, so an IPv6 address needs its brackets.
    dataSource.setServerNames(hosts.stream().map(h -> h.indexOf(':') >= 0 ? "[" + h + "]" : h).toArray(String[]::new));
    dataSource.setPortNumbers(ports.stream().mapToInt(Integer::intValue).toArray());
    if (!database.isEmpty()) {
      dataSource.setDatabaseName(database);
    }
    if (user != null) {
      dataSource.setUser(user);
    }
    if (password != null) {
      dataSource.setPassword(password);
    }
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      try {
        dataSource.setProperty(parameter.getKey(), parameter.getValue());
      } catch (SQLException e) {
        throw new InvalidDatabaseUrlException("the driver does not accept parameter '" + parameter.getKey() + "'");
      }
    }
    return dataSource;
  }

  /** Returns the first host (an IPv6 address without brackets). */
  public String host() {
    return hosts.get(0);
  }

  /** Returns every host, in order. */
  public List<String> hosts() {
    return hosts;
  }

  /** Returns the first host's port. */
  public int port() {
    return ports.get(0);
  }

  /** Returns the database name, empty when the URL names none (the server then uses the user name). */
  public String database() {
    return database;
  }

  /** Returns the user name, if the URL gives one. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** Returns whether the URL carries a password (the password itself is not exposed). */
  public boolean hasPassword() {
    return password != null;
  }

  /** Returns the connection parameters in JDBC spelling, for example {@code sslmode}. */
  public Map<String, String> parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatabaseUrl that && hosts.equals(that.hosts) && ports.equals(that.ports)
        && database.equals(that.database) && Objects.equals(user, that.user) && Objects.equals(password, that.password)
        && parameters.equals(that.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hosts, ports, database, user, parameters);
  }

  /** Returns the URL in libpq form with the password and other secrets replaced by {@code ***}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("postgresql://");
    if (user != null) {
      text.append(encode(user));
      if (password != null) {
        text.append(":***");
      }
      text.append('@');
    }
    for (int i = 0; i < hosts.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      String host = hosts.get(i);
      text.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(ports.get(i));
    }
    text.append('/').append(encode(database));
    char separator = '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      boolean secret = SECRET_PARAMETERS.contains(parameter.getKey().toLowerCase(Locale.ROOT));
      text.append(separator).append(parameter.getKey()).append('=').append(secret ? "***" : encode(parameter.getValue()));
      separator = '&';
    }
    return text.toString();
  }
}
