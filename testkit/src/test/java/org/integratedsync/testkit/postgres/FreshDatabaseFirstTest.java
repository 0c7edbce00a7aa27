package org.integratedsync.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FreshDatabaseFirstTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  @Test
  void startsEmptyAndKeepsWhatThisClassWrites() throws Exception {
    try (Connection connection = pg.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      assertThat(userTables(statement)).as("a fresh database has no tables").isZero();

      statement.execute("CREATE TABLE first_only (id int PRIMARY KEY, amount numeric NOT NULL)");
      statement.execute("INSERT INTO first_only VALUES (1, 0.10), (2, 0.20)");
      try (ResultSet rows = statement.executeQuery("SELECT sum(amount), current_database() FROM first_only")) {
        rows.next();
        assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("0.30");
        assertThat(rows.getString(2)).isEqualTo(pg.database().name());
      }
      assertThat(userTables(statement)).isEqualTo(1);
    }
  }

  static int userTables(Statement statement) throws Exception {
    try (ResultSet rows = statement.executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
