package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseUrlTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # url                                                                  | hosts          | port | database | user      | password?
      postgresql://app:s3cret@db.example:6543/fees?sslmode=require            | db.example     | 6543 | fees     | app       | true
      postgres://app@db.example/fees                                          | db.example     | 5432 | fees     | app       | false
      postgresql://app%40corp:p%40ss%3Aw%2Fd%25@db.example:5432/fees          | db.example     | 5432 | fees     | app@corp  | true
      postgresql://app:pa@ss/word@db.example/fees                             | db.example     | 5432 | fees     | app       | true
      postgresql://app:x@[::1]:5433/fees                                      | ::1            | 5433 | fees     | app       | true
      postgresql://app:x@[2001:db8::7]/fees                                   | 2001:db8::7    | 5432 | fees     | app       | true
      postgresql://app:x@h1:5432,h2:5433/fees?target_session_attrs=read-write | h1 h2          | 5432 | fees     | app       | true
      postgresql://db.example/fees?user=app&password=x&application_name=sync  | db.example     | 5432 | fees     | app       | true
      postgresql://app:x@db.example                                           | db.example     | 5432 |          | app       | true
      postgresql://app:x@db.example/my%20db                                   | db.example     | 5432 | my db    | app       | true
      jdbc:postgresql://db.example:6543/fees?user=app&password=x&sslmode=require | db.example  | 6543 | fees     | app       | true
      jdbc:postgresql://[::1]:5433/fees                                       | ::1            | 5433 | fees     |           | false
      """)
  void parsesLibpqAndJdbcForms(String url, String hosts, int port, String database, String user, boolean password) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    assertThat(parsed.hosts()).isEqualTo(List.of(hosts.split(" ")));
    assertThat(parsed.port()).isEqualTo(port);
    assertThat(parsed.database()).isEqualTo(database == null ? "" : database);
    assertThat(parsed.user()).isEqualTo(Optional.ofNullable(user));
    assertThat(parsed.hasPassword()).isEqualTo(password);
    assertThat(parsed.toString()).doesNotContain("s3cret").doesNotContain("p@ss").doesNotContain("pa@ss/word");
  }

  @Test
  void passesParametersOnInJdbcSpellingAndMasksSecrets() throws Exception {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@db.example/fees?sslmode=verify-full"
        + "&application_name=integrated-sync&connect_timeout=7&sslpassword=keypass&target_session_attrs=read-write");
    assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "verify-full"),
        Map.entry("ApplicationName", "integrated-sync"), Map.entry("connectTimeout", "7"),
        Map.entry("sslpassword", "keypass"), Map.entry("targetServerType", "primary"));
    assertThat(url.toString())
        .isEqualTo("postgresql://app:***@db.example:5432/fees?sslmode=verify-full&ApplicationName=integrated-sync"
            + "&connectTimeout=7&sslpassword=***&targetServerType=primary");

    PGSimpleDataSource dataSource = (PGSimpleDataSource) url.toDataSource();
    assertThat(dataSource.getSslmode()).isEqualTo("verify-full");
    assertThat(dataSource.getApplicationName()).isEqualTo("integrated-sync");
    assertThat(dataSource.getConnectTimeout()).isEqualTo(7);
    assertThat(dataSource.getPassword()).isEqualTo("s3cret");
    assertThat(dataSource.getUser()).isEqualTo("app");
  }

  @Test
  void anIpv6HostKeepsItsBracketsForTheDriver() {
    PGSimpleDataSource dataSource = (PGSimpleDataSource) DatabaseUrl.toDataSource("postgresql://app:x@[::1]:5433/fees");
    assertThat(dataSource.getUrl()).startsWith("jdbc:postgresql://[::1]:5433/fees");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      postgresql://app:s3cret@/fees                      | no host given
      postgresql:///fees                                 | no host given
      postgresql://app:s3cret@db.example:54x2/fees       | the port is not a number
      postgresql://app:s3cret@db.example:99999/fees      | outside 1..65535
      postgresql://app:s3cret@db.example/fees?sslmod=on  | unsupported parameter 'sslmod'
      postgresql://app:s3cret%zz@db.example/fees         | broken percent-encoding in the password
      postgresql://app:s3cret@[::1/fees                  | missing its closing ']'
      postgresql://app:s3c?ret@db.example/fees           | '?' in the user name or password
      mysql://app:s3cret@db.example/fees                 | must start with postgresql://
      jdbc:postgresql://db.example:port/fees?password=s3cret | JDBC
      postgresql://app:s3cret@db.example/fees?port=1,2   | more ports (2) than hosts (1)
      ''                                                 | empty
      """)
  void malformedUrlsNameTheProblemButNeverThePassword(String url, String problem) {
    assertThatThrownBy(() -> DatabaseUrl.parse(url))
        .isInstanceOf(InvalidDatabaseUrlException.class)
        .isInstanceOf(FeeStoreException.class)
        .isInstanceOfSatisfying(FeeStoreConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("databaseUrl"))
        .hasMessageStartingWith("Invalid database URL: ")
        .hasMessageContaining(problem)
        .hasMessageNotContaining("s3c");
  }

  @Test
  void aPercentEncodedPasswordLogsInToARealServer() throws Exception {
    String user = "fee app@corp";
    String password = "p@ss:w/rd%?#&=+ é";
    try (StoreAssertions db = new StoreAssertions(pg.dataSource())) {
      db.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password + "'");
      db.execute("GRANT CONNECT ON DATABASE \"" + pg.database().name() + "\" TO \"" + user + "\"");
    }
    String url = "postgresql://" + encode(user) + ":" + encode(password) + "@127.0.0.1:" + pg.database().port()
        + "/" + pg.database().name() + "?application_name=fee%20test";
    try (Connection connection = DatabaseUrl.toDataSource(url).getConnection();
        ResultSet rs = connection.createStatement().executeQuery(
            "SELECT current_user, current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(user);
      assertThat(rs.getString(2)).isEqualTo("fee test");
    }
    String wrong = url.replace(encode(password), "wrong");
    assertThatThrownBy(() -> DatabaseUrl.toDataSource(wrong).getConnection())
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void theTestkitsOwnLibpqUrlWorksEndToEnd() throws Exception {
    try (Connection connection = DatabaseUrl.toDataSource(pg.libpqUrl()).getConnection()) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
