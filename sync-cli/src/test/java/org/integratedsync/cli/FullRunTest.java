package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.integratedsync.testkit.dropbox.Endpoint;
import org.integratedsync.testkit.dropbox.EntryFault;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Full runs in this JVM against local SFTP, Dropbox, Vestr and PostgreSQL. */
class FullRunTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @TempDir Path work;

  private final SettableClock clock = new SettableClock(Instant.parse("2025-12-15T16:30:00Z"));
  private Services services;

  @BeforeEach
  void start() throws Exception {
    // each test gets a clean database: the class shares one
    try (var connection = PG.database().connect(); var statement = connection.createStatement()) {
      statement.execute("drop schema public cascade; create schema public");
    }
    services = new Services(PG.database(), clock);
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private CliRun run(Map<String, String> env, String... args) {
    CliRun run = CliRun.run(new CliEnvironment(env, work, clock, false), args);
    clock.advance(Duration.ofSeconds(31)); // the next login gets a fresh TOTP step
    return run;
  }

  @Test
  void aFullRunFillsDropboxAndTheDatabaseAndASecondRunChangesNothing() throws Exception {
    CliRun first = run(services.env());

    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(services.dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(Services.SELECTED);
    assertThat(work.resolve("download").resolve(Services.SELECTED.get(0))).exists();
    long inWindow = services.vestr.count(Services.TODAY.minusDays(30), Services.TODAY);
    assertThat(inWindow).isPositive();
    assertThat(services.rows("vestr_fee_records")).isEqualTo(inWindow);
    assertThat(services.scalar("select count(*) from fee_sync_status where status = 'succeeded'")).isEqualTo(1);
    assertThat(services.rows("vestr_fee_daily_summaries")).isPositive();
    assertThat(services.rows("fee_latest_snapshot"))
        .isEqualTo(services.scalar("select count(distinct product_id) from vestr_fee_records"));
    assertThat(first.out)
        .contains("[ OK ] credinvest", "[ OK ] vestr-fees", "[ OK ] fee-snapshot")
        .contains("uploaded=6", "inserted=" + inWindow)
        .doesNotContain("Failed account numbers");
    JsonNode summary = new ObjectMapper().readTree(work.resolve("logs/last-run.json").toFile());
    assertThat(summary.get("exitCode").asInt()).isZero();
    assertThat(summary.get("tasks").findValuesAsText("outcome")).containsExactly("succeeded", "succeeded", "succeeded");
    assertThat(summary.get("tasks").get(0).get("counts").get("uploaded").asLong()).isEqualTo(6);

    services.dropbox.clearLog();
    CliRun second = run(services.env());

    assertThat(second.exitCode).as(second.toString()).isZero();
    assertThat(services.dropbox.requests(Endpoint.UPLOAD_START)).isEmpty();
    assertThat(services.dropbox.requests(Endpoint.FINISH_BATCH)).isEmpty();
    assertThat(services.dropbox.requests(Endpoint.DELETE_BATCH)).isEmpty();
    assertThat(second.out).contains("uploaded=0", "unchanged=6", "alreadyPresent=6", "inserted=0 updated=0 unchanged=" + inWindow);
    assertThat(services.rows("vestr_fee_records")).isEqualTo(inWindow);
  }

  @Test
  void aDryRunDecidesEverythingAndChangesNothing() throws Exception {
    // the schema exists (a dry run does not create it), the rest is empty
    assertThat(run(services.env(), "db", "migrate").exitCode).isZero();
    services.dropbox.putFile("/cred/999999-20251201000000-INTE100F.xlsx", new byte[] {1, 2, 3});
    services.dropbox.clearLog();

    CliRun dry = run(services.env(), "--dry-run");

    assertThat(dry.exitCode).as(dry.toString()).isZero();
    assertThat(work.resolve("download")).doesNotExist();
    assertThat(services.dropbox.fileNames("/cred")).containsExactly("999999-20251201000000-INTE100F.xlsx");
    assertThat(services.dropbox.requests().stream().filter(r -> r.endpoint() != null && r.endpoint().isWrite()))
        .isEmpty();
    assertThat(services.rows("vestr_fee_records")).isZero();
    assertThat(services.rows("fee_sync_status")).isZero();
    assertThat(services.rows("fee_latest_snapshot")).isZero();
    long inWindow = services.vestr.count(Services.TODAY.minusDays(30), Services.TODAY);
    assertThat(dry.out)
        .contains("dry run: nothing was changed")
        .contains("wouldDownload=6", "wouldUpload=6", "wouldDelete=1")
        .contains("wouldInsert=" + inWindow);
    // a dry run never replaces the scheduled run's summary
    assertThat(work.resolve("logs/last-run.json")).doesNotExist();
    JsonNode summary = new ObjectMapper().readTree(work.resolve("logs/last-dry-run.json").toFile());
    assertThat(summary.get("dryRun").asBoolean()).isTrue();
  }

  @Test
  void persistentDropboxFailuresNameTheAccountsAndExitOne() throws Exception {
    String failing = Services.SELECTED.get(0);
    // a failure that is not a rate limit (rate limits are waited out until the upload deadline)
    services.dropbox.failEntry("/cred/" + failing, 50, EntryFault.INSUFFICIENT_SPACE);

    CliRun run = run(services.env(), "-v", "--skip-vestr-fees", "--skip-fee-snapshots");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out.strip()).endsWith("Failed account numbers: 100234 (INTE100F)");
    assertThat(services.dropbox.fileNames("/cred")).hasSize(5).doesNotContain(failing);
    JsonNode task = new ObjectMapper().readTree(work.resolve("logs/last-run.json").toFile()).get("tasks").get(0);
    assertThat(task.get("outcome").asText()).isEqualTo("failed");
    assertThat(task.get("failedAccounts").get(0).get("account").asText()).isEqualTo("100234");
    assertThat(task.get("failedAccounts").get(0).get("type").asText()).isEqualTo("INTE100F");
  }

  @Test
  void theSnapshotIsRebuiltFromStoredFeesWhenTheFeeTaskFails() {
    assertThat(run(services.env(), "--skip-credinvest").exitCode).isZero();
    Map<String, String> env = new HashMap<>(services.env());
    env.put("VESTR_PASSWORD", "Wrong-Password-1");

    CliRun run = run(env, "--skip-credinvest");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out)
        .contains("[FAIL] vestr-fees")
        .contains("the snapshot is rebuilt from the fees already stored")
        .contains("[ OK ] fee-snapshot");
    assertThat(services.rows("fee_latest_snapshot")).isPositive();
  }

  @Test
  void doctorReportsAnIncompleteConfiguration() {
    Map<String, String> env = new HashMap<>(services.env());
    env.remove("VESTR_OTP_SECRET");

    CliRun doctor = run(env, "doctor", "--skip-credinvest");

    assertThat(doctor.exitCode).as("a configuration problem").isEqualTo(ExitCode.USAGE);
    assertThat(doctor.out).doesNotContain("[ OK ] vestr", "[FAIL] vestr", "database");
    assertThat(doctor.out).containsPattern("\\[FAIL\\] configuration +missing setting VESTR_OTP_SECRET");
  }

  @Test
  void eachSkipCombinationRunsOnlyTheRemainingTasks() {
    CliRun snapshotOnly = run(services.env(), "--skip-credinvest", "--skip-vestr-fees");
    assertThat(snapshotOnly.exitCode).as(snapshotOnly.toString()).isZero();
    assertThat(snapshotOnly.out).contains("[SKIP] credinvest", "[SKIP] vestr-fees", "[ OK ] fee-snapshot");
    assertThat(services.vestr.logins()).isZero();
    assertThat(services.dropbox.requests()).isEmpty();

    CliRun feesOnly = run(services.env(), "--skip-credinvest", "--skip-fee-snapshots");
    assertThat(feesOnly.exitCode).as(feesOnly.toString()).isZero();
    assertThat(feesOnly.out).contains("[SKIP] credinvest", "[ OK ] vestr-fees", "[SKIP] fee-snapshot");
    assertThat(services.rows("fee_latest_snapshot")).isZero();
    assertThat(services.dropbox.requests()).isEmpty();

    Map<String, String> noDatabase = new HashMap<>(services.env());
    noDatabase.remove("DATABASE_URL");
    CliRun filesOnly = run(noDatabase, "--skip-vestr-fees", "--skip-fee-snapshots");
    assertThat(filesOnly.exitCode).as(filesOnly.toString()).isZero();
    assertThat(filesOnly.out).contains("[ OK ] credinvest", "[SKIP] vestr-fees", "[SKIP] fee-snapshot");

    CliRun nothing = run(Map.of(), "--skip-credinvest", "--skip-vestr-fees", "--skip-fee-snapshots");
    assertThat(nothing.exitCode).as(nothing.toString()).isZero();
    assertThat(nothing.out).contains("[SKIP] credinvest", "[SKIP] vestr-fees", "[SKIP] fee-snapshot");
  }

  @Test
  void sessionModeSignsInThroughTheWebApplicationWithoutOidcSettings() {
    Map<String, String> env = new HashMap<>(services.env());
    env.keySet().removeIf(k -> k.startsWith("VESTR_OIDC_"));
    env.put("VESTR_AUTH_MODE", "session");
    env.put("VESTR_URL", services.vestr.appUrl().toString());

    CliRun run = run(env, "--skip-credinvest", "--skip-fee-snapshots");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(services.rows("vestr_fee_records"))
        .isEqualTo(services.vestr.count(Services.TODAY.minusDays(30), Services.TODAY));
  }

  @Test
  void aWindowTheSourceNoLongerReturnsIsKeptUntilAnEmptyWindowIsExplicitlyAllowed() throws Exception {
    assertThat(run(services.env(), "db", "migrate").exitCode).isZero();
    // a stored fee in September, a month for which the source now returns nothing
    try (var connection = PG.database().connect(); var statement = connection.createStatement()) {
      statement.execute("insert into vestr_fee_records (id, booking_date, amount, currency, fee_type, product_id,"
          + " first_seen_at, updated_at) values ('reversed-1', date '2025-09-10', 12.50, 'CHF', 'MANAGEMENT',"
          + " 'P-1', now(), now())");
    }
    Map<String, String> env = new HashMap<>(services.env());
    env.put("VESTR_FULL_SYNC_FROM", "2025-09-01");

    CliRun refused = run(env, "--skip-credinvest", "--skip-fee-snapshots", "--full");

    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(refused.out + refused.err).contains("2025-09-01 to 2025-09-30", "Use --allow-empty-window");
    assertThat(services.scalar("select count(*) from vestr_fee_records where id = 'reversed-1'")).isEqualTo(1);

    CliRun allowed = run(env, "--skip-credinvest", "--skip-fee-snapshots", "--full", "--allow-empty-window");

    assertThat(allowed.exitCode).as(allowed.toString()).isZero();
    assertThat(services.scalar("select count(*) from vestr_fee_records where id = 'reversed-1'")).isZero();
  }

  @Test
  void fullSyncFetchesMonthlyWindowsFromTheConfiguredStart() {
    Map<String, String> env = new HashMap<>(services.env());
    env.put("VESTR_FULL_SYNC_FROM", "2025-10-01");

    CliRun run = run(env, "--skip-credinvest", "--full");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("windows=3", "2025-10-01..2025-12-15 in 3 monthly windows");
    assertThat(services.rows("vestr_fee_records")).isEqualTo(services.vestr.recordCount());
    assertThat(services.rows("fee_sync_status")).isEqualTo(3);
  }

  @Test
  void verboseRunMasksEverySecretInConsoleLogAndSummary() throws Exception {
    services.dropbox.setCredentials("Dbx-Key-Visible", "Dbx-Secret-5d1e77", "Dbx-Refresh-8c2b41");
    Map<String, String> env = new HashMap<>(services.env());
    env.put("DROPBOX_APP_KEY", "Dbx-Key-Visible");
    env.put("DROPBOX_APP_SECRET", "Dbx-Secret-5d1e77");
    env.put("DROPBOX_REFRESH_TOKEN", "Dbx-Refresh-8c2b41");
    env.put("CREDINVEST_SFTP_PRIVATE_KEY_PASSPHRASE", "Key-Passphrase-41aa");
    List<String> secrets =
        List.of(
            Services.SFTP_PASSWORD, "Dbx-Secret-5d1e77", "Dbx-Refresh-8c2b41", "Key-Passphrase-41aa",
            services.vestr.password(), services.vestr.otpSecret(), PG.database().password())
        .stream().filter(secret -> secret.length() >= 4).toList();

    CliRun run = run(env, "-v");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("DEBUG");
    String log;
    try (var files = Files.list(work.resolve("logs"))) {
      log = files.filter(f -> f.getFileName().toString().startsWith("integrated_sync_"))
          .map(f -> { try { return Files.readString(f); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } })
          .reduce("", String::concat);
    }
    String summary = Files.readString(work.resolve("logs/last-run.json"));
    assertThat(log).contains("DEBUG");
    for (String secret : secrets) {
      assertThat(run.out + run.err).as("console").doesNotContain(secret);
      assertThat(log).as("log file").doesNotContain(secret);
      assertThat(summary).as("last-run.json").doesNotContain(secret);
    }
  }

  @Test
  void doctorChecksEveryServiceAndChangesNothing() throws Exception {
    CliRun doctor = run(services.env(), "doctor");

    assertThat(doctor.out).contains("[ OK ] configuration", "[ OK ] sftp", "[ OK ] download folder", "[ OK ] dropbox", "[ OK ] vestr");
    // the schema is not there yet: the check says so and fails
    assertThat(doctor.out).contains("[FAIL] database").contains("run 'db migrate'");
    assertThat(doctor.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(services.tableExists("vestr_fee_records")).isFalse();
    assertThat(services.dropbox.folderExists("/cred")).isFalse();
    assertThat(work.resolve("download")).doesNotExist();
    assertThat(work.resolve("logs")).doesNotExist();

    assertThat(run(services.env(), "db", "migrate").exitCode).isZero();
    CliRun again = run(services.env(), "doctor");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("[ OK ] database");
  }

  @Test
  void selectReadsTheSftpFolderAndChangesNothing() throws Exception {
    CliRun select = run(services.env(), "select", "--json");

    assertThat(select.exitCode).as(select.toString()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(select.out);
    assertThat(json.get("selected").findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(Services.SELECTED);
    assertThat(json.get("skipped").findValuesAsText("reason")).contains("STALE", "PAIR_GAP", "SUPERSEDED", "UNRECOGNISED");
    assertThat(work.resolve("download")).doesNotExist();
    assertThat(work.resolve("logs")).doesNotExist();
  }

  @Test
  void doctorNamesAWrongSftpPasswordAndHostKey() {
    Map<String, String> env = new HashMap<>(services.env());
    env.put("CREDINVEST_SFTP_PASSWORD", "Not-The-Password");
    env.put("DROPBOX_REFRESH_TOKEN", "revoked-token-123");

    CliRun doctor = run(env, "doctor", "--skip-vestr-fees", "--skip-fee-snapshots");

    assertThat(doctor.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(doctor.out)
        .contains("[ OK ] configuration", "[FAIL] sftp", "[FAIL] dropbox")
        .doesNotContain("Not-The-Password", "revoked-token-123");
    assertThat(Files.exists(work.resolve("logs"))).isFalse();
  }
}
