package org.integratedsync.testkit.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL database on a test server, with the coordinates to reach it in every form a caller
 * may need: JDBC URL, libpq URL, a {@link DataSource}, user and password.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves out the password.
 */
public final class PostgresDatabase {

  private final String host;
  private final int port;
  private final String name;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  /**
   * Creates the coordinates of one database.
   *
   * @param host host name or IP address (an IPv6 address without brackets)
   * @param port TCP port
   * @param name database name
   * @param user role to log in as
   * @param password that role's password, empty for none
   * @param parameters further connection parameters such as {@code sslmode}, kept in the URLs
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the port is outside 1..65535
   */
  public PostgresDatabase(
      String host, int port, String name, String user, String password, Map<String, String> parameters) {
    this.host = Objects.requireNonNull(host, "host");
    this.name = Objects.requireNonNull(name, "name");
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.parameters = Map.copyOf(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.port = port;
  }

  /** Returns the host name or IP address (IPv6 without brackets). */
  public String host() {
    return host;
  }

  /** Returns the TCP port. */
  public int port() {
    return port;
  }

  /** Returns the database name. */
  public String name() {
    return name;
  }

  /** Returns the role name. */
  public String user() {
    return user;
  }

  /** Returns the role's password (empty when the server asks for none). */
  public String password() {
    return password;
  }

  /** Returns extra connection parameters (for example {@code sslmode}), possibly empty. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Returns a JDBC URL without credentials, e.g. {@code jdbc:postgresql://127.0.0.1:5432/db}. */
  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
        .append('/').append(encode(name));
    appendParameters(url, parameters, '?');
    return url.toString();
  }

  /** Returns a JDBC URL with {@code user} and {@code password} as parameters. */
  public String jdbcUrlWithCredentials() {
    Map<String, String> all = new TreeMap<>(parameters);
    all.put("user", user);
    all.put("password", password);
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
        .append('/').append(encode(name));
    appendParameters(url, all, '?');
    return url.toString();
  }

  /**
   * Returns a libpq URL with percent-encoded credentials, e.g.
   * {@code postgresql://user:secret@127.0.0.1:5432/db}, the form {@code DATABASE_URL} takes.
   */
  public String libpqUrl() {
    StringBuilder url = new StringBuilder("postgresql://").append(encode(user));
    if (!password.isEmpty()) {
      url.append(':').append(encode(password));
    }
    url.append('@').append(hostForUrl()).append(':').append(port).append('/').append(encode(name));
    appendParameters(url, parameters, '?');
    return url.toString();
  }

  /** Returns a new unpooled data source for this database; cheap, so create as many as needed. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {host});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setDatabaseName(name);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      try {
        dataSource.setProperty(parameter.getKey(), parameter.getValue());
      } catch (SQLException e) {
        throw new IllegalStateException("unsupported connection parameter " + parameter.getKey(), e);
      }
    }
    return dataSource;
  }

  /**
   * Opens a new connection to this database.
   *
   * @throws SQLException if the server cannot be reached or refuses the login
   */
  public Connection connect() throws SQLException {
    return dataSource().getConnection();
  }

  /** Returns these coordinates for another database on the same server. */
  PostgresDatabase withName(String otherName) {
    return new PostgresDatabase(host, port, otherName, user, password, parameters);
  }

  private String hostForUrl() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  private static void appendParameters(StringBuilder url, Map<String, String> parameters, char first) {
    char separator = first;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
      separator = '&';
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "PostgresDatabase[" + user + "@" + hostForUrl() + ":" + port + "/" + name + "]";
  }
}
