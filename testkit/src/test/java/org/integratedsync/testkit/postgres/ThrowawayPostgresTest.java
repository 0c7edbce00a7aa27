package org.integratedsync.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrowawayPostgresTest {

  @Test
  void plainJavaCallersGetDistinctDatabasesTheyCanDrop() throws Exception {
    ThrowawayPostgres server = ThrowawayPostgres.shared();
    PostgresDatabase first = server.createDatabase();
    PostgresDatabase second = server.createDatabase("Some Benchmark!");

    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(second.name()).endsWith("somebenchmark");
    try (Connection connection = second.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (x int)");
    }
    try (Connection connection = first.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT to_regclass('public.t') IS NULL")) {
      rows.next();
      assertThat(rows.getBoolean(1)).as("table of the other database is absent").isTrue();
    }

    server.dropDatabase(first);
    assertThatThrownBy(first::connect).isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
    server.dropDatabase(second);
  }

  @Test
  void libpqUrlCarriesWorkingCredentials() throws Exception {
    PostgresDatabase database = ThrowawayPostgres.shared().createDatabase("libpq");
    PostgresDatabase parsed = ServerUrl.parse(database.libpqUrl());
    assertThat(parsed.password()).isEqualTo(database.password());
    try (Connection connection = DriverManager.getConnection(parsed.jdbcUrlWithCredentials())) {
      assertThat(connection.isValid(5)).isTrue();
    }
    ThrowawayPostgres.shared().dropDatabase(database);
  }

  @Test
  void wrongPasswordIsRefusedSoTheClusterReallyChecksIt() {
    PostgresDatabase database = ThrowawayPostgres.shared().createDatabase("auth");
    Properties login = new Properties();
    login.setProperty("user", database.user());
    login.setProperty("password", database.password() + "x");
    assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), login))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
    ThrowawayPostgres.shared().dropDatabase(database);
  }

  @Test
  void localClusterReportsItsStartTime() {
    ThrowawayPostgres server = ThrowawayPostgres.shared();
    if (!server.isExternal()) {
      assertThat(server.startupTime()).isPositive();
    }
    assertThat(server.serverVersion()).matches("\\d+(\\.\\d+)?.*");
  }

  @Test
  void findsNoBinariesWhereThereAreNone(@TempDir Path empty) {
    assertThat(ThrowawayPostgres.findBinDir(Map.of("PATH", empty.toString()), List.of(empty))).isEmpty();
    assertThat(ThrowawayPostgres.noPostgresMessage())
        .startsWith("No PostgreSQL for tests: set TEST_DATABASE_URL=")
        .contains("apt-get install postgresql");
  }

  @Test
  void findsTheNewestVersionUnderAnInstallRoot(@TempDir Path root) throws Exception {
    for (String version : List.of("9.6", "15", "13")) {
      Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
      for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
        Path file = Files.createFile(bin.resolve(tool));
        file.toFile().setExecutable(true);
      }
    }
    assertThat(ThrowawayPostgres.findBinDir(Map.of("PATH", ""), List.of(root)))
        .contains(root.resolve("15").resolve("bin"));
  }
}
