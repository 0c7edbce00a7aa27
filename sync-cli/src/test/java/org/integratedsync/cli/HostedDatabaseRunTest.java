package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.integratedsync.testkit.time.SettableClock;
import org.integratedsync.testkit.vestr.GraphQlFault;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fee task against a database role set up as hosted PostgreSQL services set theirs up (5-second
 * statement and idle-in-transaction timeouts, not a superuser), with a Vestr that takes longer than
 * that to answer a page.
 */
class HostedDatabaseRunTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final String ROLE = "hosted_fees";
  private static final String PASSWORD = "Hosted-Pw-31c9";

  @TempDir Path work;

  private final SettableClock clock = new SettableClock(Instant.parse("2025-12-15T16:30:00Z"));
  private Services services;
  private VestrFake vestr;

  @BeforeEach
  void start() throws Exception {
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement()) {
      statement.execute("drop schema public cascade; create schema public");
      statement.execute("drop role if exists " + ROLE);
      statement.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
      statement.execute("alter role " + ROLE + " set statement_timeout = '5s'");
      statement.execute("alter role " + ROLE + " set idle_in_transaction_session_timeout = '5s'");
      statement.execute("grant all on schema public to " + ROLE);
    }
    services = new Services(PG.database(), clock);
    // three pages of 500 in the default 30-day window
    vestr = VestrFake.builder().records(1_500).products(12)
        .bookingDates(Services.TODAY.minusDays(29), Services.TODAY).clock(clock).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    vestr.close();
    services.close();
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement()) {
      statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + ROLE + "'");
      statement.execute("drop owned by " + ROLE + " cascade");
      statement.execute("drop role " + ROLE);
    }
  }

  @Test
  void aFeeSyncWhoseSourcePausesLongerThanTheRolesTimeoutsBetweenPagesSucceeds() throws Exception {
    PostgresDatabase asRole = new PostgresDatabase(PG.database().host(), PG.database().port(),
        PG.database().name(), ROLE, PASSWORD, PG.database().parameters());
    Map<String, String> env = new HashMap<>(services.env());
    env.put("VESTR_URL", vestr.url().toString());
    env.put("VESTR_OIDC_ISSUER", vestr.issuer().toString());
    env.put("VESTR_OIDC_CLIENT_ID", vestr.clientId());
    env.put("VESTR_OIDC_REDIRECT_URI", vestr.redirectUri().toString());
    env.put("VESTR_GRAPHQL_URL", vestr.graphqlUrl().toString());
    env.put("VESTR_USERNAME", vestr.username());
    env.put("VESTR_PASSWORD", vestr.password());
    env.put("VESTR_OTP_SECRET", vestr.otpSecret());
    env.put("DATABASE_URL", asRole.libpqUrl());
    vestr.enqueueFault(GraphQlFault.NONE, GraphQlFault.SLOW_PAGE);

    long started = System.nanoTime();
    CliRun run = CliRun.run(new CliEnvironment(env, work, clock, false), "--skip-credinvest");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(took).as("the second page came late").isGreaterThan(VestrFake.SLOW_PAGE_DELAY);
    assertThat(run.out).contains("fetched=1500");
    assertThat(services.rows("vestr_fee_records")).isEqualTo(1_500);
    assertThat(services.scalar("select count(*) from fee_sync_status where status = 'succeeded'")).isEqualTo(1);
    try (Connection connection = asRole.connect(); Statement statement = connection.createStatement();
        ResultSet timeouts = statement.executeQuery("select current_setting('statement_timeout'), "
            + "current_setting('idle_in_transaction_session_timeout')")) {
      timeouts.next();
      assertThat(timeouts.getString(1) + " " + timeouts.getString(2)).as("the role's limits").isEqualTo("5s 5s");
    }
  }
}
