package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.integratedsync.testkit.vestr.GraphQlFault;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 5, Vestr part: a wrong password, a wrong OTP secret, GraphQL {@code errors}, HTTP 500
 * and a response cut off in the middle of its JSON. Each run exits 1 with one clear line naming
 * the failed task, records the failure in last-run.json, and leaves the fee store exactly as the
 * previous good run left it, with no sync status row left {@code running}.
 */
class VestrFailuresIT {
  private static final long RECORDS = 600;
  private static final Secrets SECRETS = new Secrets();
  private static final String WRONG_PASSWORD = Secrets.token("wrongPw");
  private static final String WRONG_OTP_SECRET = Secrets.base32(32);
  private static FeeDatabase database;

  private final List<VestrFake> fakes = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void createDatabase() throws Exception {
    database = FeeDatabase.create("relvestr", SECRETS.databasePassword);
  }

  @AfterAll
  static void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @AfterEach
  void closeFakes() {
    fakes.forEach(VestrFake::close);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        failure("wrong password", "password", (fake, env) -> env.put("VESTR_PASSWORD", WRONG_PASSWORD)),
        failure("wrong OTP", "code", (fake, env) -> env.put("VESTR_OTP_SECRET", WRONG_OTP_SECRET)),
        failure("GraphQL errors", "GraphQL", (fake, env) -> repeat(fake, GraphQlFault.GRAPHQL_ERROR)),
        failure("GraphQL errors next to data", "GraphQL", (fake, env) -> repeat(fake, GraphQlFault.GRAPHQL_ERROR_WITH_DATA)),
        failure("HTTP 500", "500", (fake, env) -> repeat(fake, GraphQlFault.HTTP_500)),
        // retried (3 attempts, 1 s and 2 s apart), then reported like any other failure
        failure("HTTP 502 on every attempt", "502", (fake, env) -> repeat(fake, GraphQlFault.HTTP_502)),
        failure("malformed JSON", "JSON", (fake, env) -> repeat(fake, GraphQlFault.TRUNCATED_JSON)),
        failure("bad amount", "amount", (fake, env) -> repeat(fake, GraphQlFault.BAD_AMOUNT)));
  }

  /** Queues the fault for more responses than any retry policy uses. */
  private static void repeat(VestrFake fake, GraphQlFault fault) {
    for (int i = 0; i < 10; i++) {
      fake.enqueueFault(fault);
    }
  }

  private interface Change {
    void apply(VestrFake fake, Map<String, String> env);
  }

  private static Arguments failure(String name, String fragment, Change change) {
    return Arguments.of(name, fragment, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aVestrFailureFailsTheTaskAndChangesNothing(String name, String fragment, Change change) throws Exception {
    if (!database.tableExists("vestr_fee_records")) {
      // the first case fills the store; the others start from what it left
      run(1, (fake, env) -> {}).assertExit(0);
    }
    database.assertRecords(RECORDS);
    long before = database.count("select count(*) from vestr_fee_records where id like 'fd-1-%'");

    RunResult bad = run(2, change);

    List<String> secrets = new ArrayList<>(SECRETS.all());
    secrets.add(WRONG_PASSWORD);
    secrets.add(WRONG_OTP_SECRET);
    bad.assertExit(1).assertOneClearLine("vestr-fees", fragment).assertNoSecretsLeaked(secrets);
    assertThat(bad.task("vestr-fees").path("outcome").asText()).isEqualTo("failed");
    assertThat(bad.lastRun().path("exitCode").asInt()).isEqualTo(1);
    database.assertRecords(RECORDS);
    assertThat(database.count("select count(*) from vestr_fee_records where id like 'fd-1-%'")).isEqualTo(before);
    database.assertAggregateInvariant();
    assertThat(database.statuses()).as("sync status rows").doesNotContain("running");
  }

  private RunResult run(long seed, Change change) {
    VestrFake vestr = Fees.start(SECRETS, seed, RECORDS);
    fakes.add(vestr);
    Map<String, String> env = Env.of(Env.vestr(vestr), Env.database(database));
    change.apply(vestr, env);
    return CliProcess.in(dir.resolve("work"))
        .env(env)
        .args("-v", "--skip-credinvest", "--skip-fee-snapshots")
        .timeout(Duration.ofSeconds(120))
        .run();
  }
}
