package org.integratedsync.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uses parameter resolution instead of a field, and connects by URL and credentials. */
@ExtendWith(PostgresExtension.class)
class FreshDatabaseSecondTest {

  @Test
  void startsEmptyAndKeepsWhatThisClassWrites(PostgresDatabase database, DataSource dataSource) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      assertThat(FreshDatabaseFirstTest.userTables(statement)).as("a fresh database has no tables").isZero();
      statement.execute("CREATE TABLE second_only (id int PRIMARY KEY, name text NOT NULL)");
      statement.execute("INSERT INTO second_only VALUES (7, 'seven')");
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name, current_database() FROM second_only")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("seven");
      assertThat(rows.getString(2)).isEqualTo(database.name());
    }
  }
}
