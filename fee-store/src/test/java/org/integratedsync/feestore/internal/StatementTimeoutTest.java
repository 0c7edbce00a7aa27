package org.integratedsync.feestore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The transactions that may legitimately run long raise a short statement timeout, and only those. */
class StatementTimeoutTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  private static String timeoutAfterRaisingTo(String sessionTimeout, Duration budget) {
    try (Handle handle = Jdbi.create(pg.dataSource()).open()) {
      handle.execute("SET statement_timeout = '" + sessionTimeout + "'");
      handle.begin();
      StoreEngine.allowStatementsToRun(handle, budget, "a test");
      String inside = handle.createQuery("SHOW statement_timeout").mapTo(String.class).one();
      handle.rollback();
      String after = handle.createQuery("SHOW statement_timeout").mapTo(String.class).one();
      assertThat(after).as("SET LOCAL ends with the transaction").isEqualTo(sessionTimeout);
      return inside;
    }
  }

  @Test
  void aShorterTimeoutIsRaisedForTheTransactionOnly() {
    assertThat(timeoutAfterRaisingTo("5s", Duration.ofMinutes(2))).isEqualTo("2min");
  }

  @Test
  void aLongerTimeoutOrNoneIsKept() {
    assertThat(timeoutAfterRaisingTo("1h", Duration.ofMinutes(2))).isEqualTo("1h");
    assertThat(timeoutAfterRaisingTo("0", Duration.ofMinutes(2))).isEqualTo("0");
  }
}
