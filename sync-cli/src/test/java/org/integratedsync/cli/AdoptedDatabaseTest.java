package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A database that already holds the fee tables of an earlier tool, in another shape than the store's. */
class AdoptedDatabaseTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final String REFUSAL = "The existing table vestr_fee_records cannot be adopted: column amount is "
      + "double precision, the fee store needs numeric; see docs/migrating.md, section \"Database\".";

  @TempDir Path work;

  private final SettableClock clock = new SettableClock(Instant.parse("2025-12-15T16:30:00Z"));
  private Services services;

  @BeforeEach
  void start() throws Exception {
    try (var connection = PG.database().connect(); var statement = connection.createStatement()) {
      statement.execute("drop schema public cascade; create schema public");
      statement.execute("create table vestr_fee_records (id text primary key, booking_date date not null,"
          + " value_date date, amount double precision not null, currency text not null, fee_type text not null,"
          + " source_fee_type text, product_id text not null, product_isin text, product_name text,"
          + " outstanding_quantity numeric, first_seen_at timestamptz not null, updated_at timestamptz not null,"
          + " sync_run_id bigint)");
      statement.execute("insert into vestr_fee_records values ('old-1', '2025-12-01', null, 12.5, 'CHF',"
          + " 'MANAGEMENT', null, 'P-1', null, null, null, now(), now(), null)");
    }
    services = new Services(PG.database(), clock);
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private CliRun run(String... args) {
    CliRun run = CliRun.run(new CliEnvironment(services.env(), work, clock, false), args);
    clock.advance(Duration.ofSeconds(31));
    return run;
  }

  @Test
  void dbMigrateAndTheFeeTasksRefuseATableOfAnotherShapeInOneLineAndLeaveItAlone() throws Exception {
    CliRun migrate = run("db", "migrate");

    assertThat(migrate.exitCode).as(migrate.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(migrate.out + migrate.err).contains(REFUSAL);
    assertThat((migrate.out + migrate.err).lines().filter(line -> line.contains("cannot be adopted")).toList())
        .hasSize(1);

    CliRun fees = run("--skip-credinvest");

    assertThat(fees.exitCode).as(fees.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(fees.out + fees.err).contains(REFUSAL);
    assertThat(services.rows("vestr_fee_records")).isEqualTo(1);
    assertThat(services.scalar("select count(*) from information_schema.tables where table_schema = 'public'"))
        .as("no table created, none changed").isEqualTo(1);
    assertThat(services.scalar("select count(*) from information_schema.columns where table_name = "
        + "'vestr_fee_records' and column_name = 'amount' and data_type = 'double precision'")).isEqualTo(1);
  }
}
