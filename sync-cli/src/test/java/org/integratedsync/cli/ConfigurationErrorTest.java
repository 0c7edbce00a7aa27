package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.integratedsync.cli.internal.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration is checked before anything is touched: a missing or malformed setting needed by a
 * task that runs gives one line naming it and exit 2. No service is needed: the hosts below do not
 * exist, and nothing may try to reach them.
 */
class ConfigurationErrorTest {
  @TempDir Path work;

  static Map<String, String> complete() {
    Map<String, String> env = new HashMap<>();
    env.put("CREDINVEST_SFTP_HOST", "sftp.invalid");
    env.put("CREDINVEST_SFTP_USERNAME", "credinvest");
    env.put("CREDINVEST_SFTP_PASSWORD", "Sftp-Secret-0001");
    env.put("CREDINVEST_SFTP_HOST_KEY", "SHA256:8kOSo8LwBPXRAIX0jvrF3VkvesvPMC2FsZnzc31uGGg");
    env.put("DROPBOX_APP_KEY", "appkey123");
    env.put("DROPBOX_APP_SECRET", "Dbx-Secret-0002");
    env.put("DROPBOX_REFRESH_TOKEN", "Dbx-Refresh-0003");
    env.put("VESTR_USERNAME", "ops");
    env.put("VESTR_PASSWORD", "Vestr-Secret-0004");
    env.put("VESTR_OTP_SECRET", "JBSWY3DPEHPK3PXP");
    env.put("VESTR_OIDC_ISSUER", "https://sso.invalid/realms/vestr");
    env.put("VESTR_OIDC_CLIENT_ID", "vestr-web");
    env.put("VESTR_OIDC_REDIRECT_URI", "https://vestr.invalid/");
    env.put("DATABASE_URL", "postgresql://sync:Db-Secret-0005@db.invalid:5432/fees");
    return env;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("CREDINVEST_SFTP_HOST", e -> e.remove("CREDINVEST_SFTP_HOST")),
        bad("CREDINVEST_SFTP_USERNAME", e -> e.remove("CREDINVEST_SFTP_USERNAME")),
        bad("CREDINVEST_SFTP_PASSWORD", e -> e.remove("CREDINVEST_SFTP_PASSWORD")),
        bad("CREDINVEST_SFTP_PORT", e -> e.put("CREDINVEST_SFTP_PORT", "70000")),
        bad("CREDINVEST_SFTP_HOST_KEY", e -> e.put("CREDINVEST_SFTP_HOST_KEY", "MD5:00:11")),
        bad("CREDINVEST_SFTP_KNOWN_HOSTS", e -> {
          e.remove("CREDINVEST_SFTP_HOST_KEY");
          e.put("CREDINVEST_SFTP_KNOWN_HOSTS", "no/such/known_hosts");
        }),
        bad("CREDINVEST_SFTP_PRIVATE_KEY_FILE", e -> {
          e.remove("CREDINVEST_SFTP_PASSWORD");
          e.put("CREDINVEST_SFTP_PRIVATE_KEY_FILE", "no/such/id_ed25519");
        }),
        bad("DROPBOX_APP_KEY", e -> e.remove("DROPBOX_APP_KEY")),
        bad("DROPBOX_APP_SECRET", e -> e.remove("DROPBOX_APP_SECRET")),
        bad("DROPBOX_REFRESH_TOKEN", e -> e.remove("DROPBOX_REFRESH_TOKEN")),
        bad("DROPBOX_FOLDER", e -> e.put("DROPBOX_FOLDER", "cred")),
        bad("DROPBOX_BASE_URL", e -> e.put("DROPBOX_BASE_URL", "localhost:8080")),
        bad("VESTR_USERNAME", e -> e.remove("VESTR_USERNAME")),
        bad("VESTR_PASSWORD", e -> e.remove("VESTR_PASSWORD")),
        bad("VESTR_OTP_SECRET", e -> e.remove("VESTR_OTP_SECRET")),
        bad("VESTR_OTP_SECRET", e -> e.put("VESTR_OTP_SECRET", "not base32!")),
        bad("VESTR_AUTH_MODE", e -> e.put("VESTR_AUTH_MODE", "kerberos")),
        bad("VESTR_OTP_ALGORITHM", e -> e.put("VESTR_OTP_ALGORITHM", "MD5")),
        bad("VESTR_OTP_DIGITS", e -> e.put("VESTR_OTP_DIGITS", "4")),
        bad("VESTR_OTP_PERIOD", e -> e.put("VESTR_OTP_PERIOD", "thirty")),
        bad("VESTR_OIDC_ISSUER", e -> e.remove("VESTR_OIDC_ISSUER")),
        bad("VESTR_OIDC_CLIENT_ID", e -> e.remove("VESTR_OIDC_CLIENT_ID")),
        bad("VESTR_OIDC_REDIRECT_URI", e -> e.remove("VESTR_OIDC_REDIRECT_URI")),
        bad("VESTR_URL", e -> e.put("VESTR_URL", "aisfg.delta.vestr.com")),
        bad("VESTR_QUERY_FILE", e -> e.put("VESTR_QUERY_FILE", "no/such/query.graphql")),
        bad("VESTR_FULL_SYNC_FROM", e -> e.put("VESTR_FULL_SYNC_FROM", "2015-02-30"), "--full"),
        bad("INTEGRATED_SYNC_FEE_DAYS", e -> e.put("INTEGRATED_SYNC_FEE_DAYS", "a month")),
        bad("DATABASE_URL", e -> e.remove("DATABASE_URL")),
        bad("DATABASE_URL", e -> e.put("DATABASE_URL", "postgresql:///fees")),
        bad("--source-dir", e -> {}, "--source-dir", "no/such/inbox"),
        bad("--config", e -> {}, "--config", "no-such.properties"),
        // found only at run time before: now before anything is touched
        bad("CREDINVEST_SFTP_HOST", e -> e.put("CREDINVEST_SFTP_HOST", "sftp.example.com /in")),
        bad("CREDINVEST_SFTP_HOST", e -> e.put("CREDINVEST_SFTP_HOST", "sftp://sftp.example.com")),
        bad("CREDINVEST_SFTP_HOST", e -> e.put("CREDINVEST_SFTP_HOST", "sftp.example.com:2222")),
        bad("CREDINVEST_SFTP_PRIVATE_KEY", e -> e.put(
            "CREDINVEST_SFTP_PRIVATE_KEY", "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----")),
        bad("DATABASE_URL", e -> e.put("DATABASE_URL", "postgresql://sync:Db-Secret-0005@db.invalid/fees?sslmode=bogus")),
        bad("--log-file", e -> {}, "--log-file", "."),
        bad("--download-dir", e -> {}, "--download-dir", "afile/download"),
        bad("--fee-days", e -> {}, "--fee-days", "99999"));
  }

  private static Arguments bad(String setting, Consumer<Map<String, String>> change, String... args) {
    return Arguments.of(setting, change, args);
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("cases")
  void aBadSettingIsNamedInOneLineAndNothingIsTouched(
      String setting, Consumer<Map<String, String>> change, String[] args) throws Exception {
    Map<String, String> env = complete();
    change.accept(env);
    Files.writeString(work.resolve("afile"), "a file where a folder is expected");

    CliRun run = CliRun.run(work, env, args);

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err.lines().filter(l -> !l.isBlank())).as(run.toString()).hasSize(1);
    assertThat(run.err).startsWith("integrated-sync: ").contains(setting).doesNotContain("Exception", "Secret-000");
    assertThat(run.out).isEmpty();
    assertOnlyTheSummaryWasWritten(work, run.err.strip().substring("integrated-sync: ".length()));
  }

  /**
   * Asserts that the working directory holds nothing new but {@code logs/last-run.json}, which
   * records the configuration error and its line.
   */
  static void assertOnlyTheSummaryWasWritten(Path work, String line) throws Exception {
    try (Stream<Path> files = Files.walk(work)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> work.relativize(f).toString()))
          .as("files written")
          .containsExactlyInAnyOrder("afile", "logs/last-run.json");
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(work.resolve("logs/last-run.json").toFile());
    assertThat(json.get("outcome").asText()).isEqualTo("configuration-error");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    assertThat(json.get("error").asText()).isEqualTo(line);
    assertThat(json.get("tasks").size()).isZero();
  }

  @Test
  void settingsNeededOnlyBySkippedTasksAreNotAskedFor() {
    CliRun run =
        CliRun.run(
            work,
            Map.of(),
            "--source-dir", CliRun.sampleInbox().toString(),
            "--target-dir", "out",
            "--skip-vestr-fees", "--skip-fee-snapshots");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(work.resolve("out").resolve(Services.SELECTED.get(0))).exists();
  }

  @Test
  void theSnapshotAloneNeedsOnlyTheDatabase() {
    CliRun run = CliRun.run(work, Map.of(), "--skip-credinvest", "--skip-vestr-fees");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err.strip())
        .isEqualTo(
            "integrated-sync: missing setting DATABASE_URL (or DATABASE_URL_FILE), needed by the fee-snapshot task: "
                + "set it in the environment or in integrated-sync.properties");
  }

  @Test
  void badOptionsAreUsageErrorsInOneLine() throws Exception {
    String[][] cases = {
      {"--fee-days", "-3"}, {"--fee-days", "7", "--full"}, {"--fee-days", "abc"}, {"--no-such-option"},
      {"--skip-credinvst"}, {"select", "--bogus"}
    };
    for (String[] args : cases) {
      CliRun run = CliRun.run(work, complete(), args);
      assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(run.err.lines().filter(l -> !l.isBlank())).as(run.toString()).hasSize(1);
      assertThat(run.err).as(run.toString()).startsWith("integrated-sync: ").contains(" --help");
      assertThat(run.out).as(run.toString()).isEmpty();
    }
    assertThat(CliRun.run(work, complete(), "--no-such-option").err).contains("Unknown option: '--no-such-option'");
    assertThat(CliRun.run(work, complete(), "--skip-credinvst").err).contains("did you mean --skip-credinvest?");
    assertThat(CliRun.run(work, complete(), "--fee-days", "abc").err)
        .contains("Invalid value for option '--fee-days': 'abc' is not a whole number");
    // a usage error of the scheduled command line is recorded for monitoring too
    Files.writeString(work.resolve("afile"), "x");
    CliRun full = CliRun.run(work, complete(), "--full", "--fee-days", "3");
    assertOnlyTheSummaryWasWritten(work, full.err.strip().substring("integrated-sync: ".length()));
  }

  @Test
  void aDryRunsConfigurationErrorGoesToTheDryRunSummary() throws Exception {
    Map<String, String> env = complete();
    env.remove("DATABASE_URL");

    CliRun run = CliRun.run(work, env, "--dry-run");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(work.resolve("logs/last-run.json")).doesNotExist();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(work.resolve("logs/last-dry-run.json").toFile());
    assertThat(json.get("outcome").asText()).isEqualTo("configuration-error");
    assertThat(json.get("dryRun").asBoolean()).isTrue();

    // a usage error of a dry run too
    Files.delete(work.resolve("logs/last-dry-run.json"));
    CliRun usage = CliRun.run(work, complete(), "--dry-run", "--no-such-option");
    assertThat(usage.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(work.resolve("logs/last-run.json")).doesNotExist();
    assertThat(work.resolve("logs/last-dry-run.json")).exists();
  }

  @Test
  void noSummaryIsWrittenWhereTheLogsFolderCannotBeCreated() throws Exception {
    Files.writeString(work.resolve("logs"), "a file named logs");
    Map<String, String> env = complete();
    env.remove("DATABASE_URL");

    CliRun run = CliRun.run(work, env);

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err.lines().filter(l -> !l.isBlank())).hasSize(1);
    assertThat(Files.readString(work.resolve("logs"))).isEqualTo("a file named logs");
  }

  @Test
  void aSecondRunExitsThreeAtOnceAndAStaleLockFileDoesNotBlock() throws Exception {
    String[] args = {
      "--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "out", "--skip-vestr-fees", "--skip-fee-snapshots"
    };
    try (RunLock held = RunLock.acquire(RunLock.defaultFile(work), CliRun.CLOCK.instant())) {
      CliRun second = CliRun.run(work, Map.of(), args);

      assertThat(second.exitCode).isEqualTo(ExitCode.ALREADY_RUNNING);
      assertThat(second.err.strip()).startsWith("integrated-sync: another integrated-sync run is already in progress");
      assertThat(work.resolve("out")).doesNotExist();
      assertThat(work.resolve("download")).doesNotExist();
    }
    // the file stays after the holder is gone, and does not block
    assertThat(RunLock.defaultFile(work)).exists();
    CliRun next = CliRun.run(work, Map.of(), args);
    assertThat(next.exitCode).as(next.toString()).isZero();
  }

  @Test
  void selectAndDoctorDoNotTakeTheLock() throws Exception {
    try (RunLock held = RunLock.acquire(RunLock.defaultFile(work), CliRun.CLOCK.instant())) {
      CliRun select = CliRun.run(work, Map.of(), "select", "--source-dir", CliRun.sampleInbox().toString());
      assertThat(select.exitCode).isZero();
      CliRun doctor =
          CliRun.run(work, Map.of(), "doctor", "--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "out",
              "--skip-vestr-fees", "--skip-fee-snapshots");
      assertThat(doctor.exitCode).as(doctor.toString()).isZero();
      assertThat(doctor.out).contains("[ OK ] source folder", "[ OK ] target folder", "[ OK ] download folder");
      assertThat(CliRun.run(work, Map.of(), "--help").exitCode).isZero();
    }
  }

  @Test
  void doctorListsUnknownNamesAndExitsTwoOnAConfigurationError() throws Exception {
    String[] local = {
      "doctor", "--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "out",
      "--skip-vestr-fees", "--skip-fee-snapshots"
    };
    CliRun warned = CliRun.run(work, Map.of("VESTR_PASWORD", "x"), local);

    assertThat(warned.exitCode).as(warned.toString()).isZero();
    assertThat(warned.out.lines().findFirst()).hasValue(
        "[WARN] settings        unknown environment variable VESTR_PASWORD is ignored (did you mean VESTR_PASSWORD?)");

    CliRun misconfigured = CliRun.run(work, Map.of(), "doctor", "--source-dir", "no/such/inbox", "--target-dir", "out",
        "--skip-vestr-fees", "--skip-fee-snapshots");
    assertThat(misconfigured.exitCode).as(misconfigured.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(misconfigured.out).contains("[FAIL] configuration   --source-dir is not a folder");
    assertThat(misconfigured.out).doesNotContain("source folder ");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).as("doctor writes nothing").isEmpty();
    }
  }

  @Test
  void dbNeedsASubcommandAndMigrateNeedsTheDatabase() throws Exception {
    CliRun bare = CliRun.run(work, Map.of(), "db");
    assertThat(bare.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(bare.err).contains("missing command");

    assertThat(work.resolve("logs")).as("a subcommand's usage error writes no summary").doesNotExist();
    CliRun migrate = CliRun.run(work, Map.of(), "db", "migrate");
    assertThat(migrate.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(migrate.err.strip()).startsWith("integrated-sync: missing setting DATABASE_URL");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void everyCommandPrintsTheVersion() {
    for (String[] args : new String[][] {{"--version"}, {"select", "--version"}, {"db", "migrate", "--version"}}) {
      CliRun run = CliRun.run(work, Map.of(), args);
      assertThat(run.exitCode).isZero();
      assertThat(run.out).startsWith("integrated-sync ");
    }
  }

  @Test
  void helpListsEveryOptionAndSubcommand() {
    CliRun help = CliRun.run(work, Map.of(), "--help");

    assertThat(help.out)
        .contains("--skip-credinvest", "--skip-vestr-fees", "--skip-fee-snapshots", "--delete-after-upload")
        .contains("--download-dir", "-v, --verbose", "--log-file", "--dry-run", "--full", "--fee-days")
        .contains("--config", "--source-dir", "--target-dir", "--version", "--help")
        .contains("select", "doctor", "db");
  }
}
