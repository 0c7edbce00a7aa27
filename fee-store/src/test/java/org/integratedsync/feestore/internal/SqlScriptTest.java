package org.integratedsync.feestore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlScriptTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  @Test
  void splitsOnSemicolonsOutsideQuotesAndCommentsWhereverTheyAre() {
    SqlScript script = SqlScript.parse("test", """
        -- a comment; with a semicolon
        CREATE TEMP TABLE t (v text); INSERT INTO t VALUES ('a;b'), ('it''s; fine');
        /* a block comment;
           over two lines; */
        INSERT INTO t VALUES (:v)
          ; INSERT INTO t SELECT 'x' || ';' WHERE 1 = 1""");
    Jdbi jdbi = Jdbi.create(pg.dataSource());
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true); // as the store configures it
    try (Handle handle = jdbi.open()) {
      assertThat(script.statements(handle)).hasSize(4);
      assertThat(script.run(handle, Map.of("v", "bound;value"))).isEqualTo(1);
      assertThat(handle.createQuery("SELECT v FROM t ORDER BY v").mapTo(String.class).list())
          .isEqualTo(List.of("a;b", "bound;value", "it's; fine", "x;"));
    }
  }

  @Test
  void everyShippedScriptSplitsIntoItsStatements() {
    try (Handle handle = Jdbi.create(pg.dataSource()).open()) {
      assertThat(SqlScript.fromResource("/db/migration/feestore/V1__fee_store.sql").statements(handle)).hasSize(12);
      assertThat(SqlScript.load("diff").statements(handle)).hasSize(2)
          .allSatisfy(statement -> assertThat(statement).startsWith("INSERT INTO fee_diff").doesNotContain("--"));
      assertThat(SqlScript.load("reaggregate_touched").statements(handle)).hasSize(6);
      assertThat(SqlScript.load("rebuild_snapshot").statements(handle)).hasSize(2);
    }
  }
}
