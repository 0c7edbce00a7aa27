package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 5, configuration part: with every service up and every other setting right, one
 * missing or malformed setting gives exit 2 and a single line on standard error naming it, and the
 * run touches nothing — no request reaches the SFTP server, Dropbox or Vestr, no schema appears in
 * the database, no download folder, log, lock or summary is written. Runs at {@code -v} and checks
 * that no secret leaks.
 */
class ConfigurationErrorsIT {
  private static final Secrets SECRETS = new Secrets();
  private static SftpTestServer sftp;
  private static FakeDropbox dropbox;
  private static VestrFake vestr;
  private static FeeDatabase database;

  @BeforeAll
  static void startServices() throws Exception {
    sftp = new SftpTestServer().withPasswordUser(Env.SFTP_USER, SECRETS.sftpPassword).start();
    Inbox.writeAll(sftp.root(), Inbox.currentPairs(1), 1_000);
    dropbox = FakeDropbox.start();
    vestr = VestrFake.builder().password(SECRETS.vestrPassword).otpSecret(SECRETS.vestrOtpSecret).records(10).build().start();
    database = FeeDatabase.create("relconfig", SECRETS.databasePassword);
  }

  @AfterAll
  static void stopServices() {
    if (database != null) {
      database.close();
    }
    if (vestr != null) {
      vestr.close();
    }
    if (dropbox != null) {
      dropbox.close();
    }
    if (sftp != null) {
      sftp.close();
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // missing, each needed by a task that is not skipped
        bad("CREDINVEST_SFTP_HOST", env -> env.remove("CREDINVEST_SFTP_HOST")),
        bad("CREDINVEST_SFTP_USERNAME", env -> env.remove("CREDINVEST_SFTP_USERNAME")),
        bad("CREDINVEST_SFTP_PASSWORD", env -> env.remove("CREDINVEST_SFTP_PASSWORD")),
        bad("DROPBOX_APP_KEY", env -> env.remove("DROPBOX_APP_KEY")),
        bad("DROPBOX_REFRESH_TOKEN", env -> env.remove("DROPBOX_REFRESH_TOKEN")),
        bad("VESTR_USERNAME", env -> env.remove("VESTR_USERNAME")),
        bad("VESTR_PASSWORD", env -> env.remove("VESTR_PASSWORD")),
        bad("VESTR_OTP_SECRET", env -> env.remove("VESTR_OTP_SECRET")),
        bad("VESTR_OIDC_ISSUER", env -> env.remove("VESTR_OIDC_ISSUER")),
        bad("DATABASE_URL", env -> env.remove("DATABASE_URL")),
        // malformed
        bad("DATABASE_URL", env -> env.put("DATABASE_URL", "postgresql:///fees")),
        bad("CREDINVEST_SFTP_PORT", env -> env.put("CREDINVEST_SFTP_PORT", "twenty-two")),
        bad("CREDINVEST_SFTP_PORT", env -> env.put("CREDINVEST_SFTP_PORT", "70000")),
        bad("CREDINVEST_SFTP_HOST_KEY", env -> env.put("CREDINVEST_SFTP_HOST_KEY", "MD5:00:11:22")),
        bad("VESTR_OTP_SECRET", env -> env.put("VESTR_OTP_SECRET", "not-base32-at-all!")),
        bad("VESTR_AUTH_MODE", env -> env.put("VESTR_AUTH_MODE", "kerberos")),
        bad("DROPBOX_FOLDER", env -> env.put("DROPBOX_FOLDER", "cred")),
        bad("VESTR_FULL_SYNC_FROM", env -> env.put("VESTR_FULL_SYNC_FROM", "2015-02-30"), "--full"),
        // unreadable files: a key file that does not exist, one that is a folder, one that holds no key
        bad("CREDINVEST_SFTP_PRIVATE_KEY_FILE", env -> {
          env.remove("CREDINVEST_SFTP_PASSWORD");
          env.put("CREDINVEST_SFTP_PRIVATE_KEY_FILE", "/nonexistent/id_ed25519");
        }),
        bad("CREDINVEST_SFTP_PRIVATE_KEY_FILE", env -> {
          env.remove("CREDINVEST_SFTP_PASSWORD");
          env.put("CREDINVEST_SFTP_PRIVATE_KEY_FILE", "/");
        }),
        bad("CREDINVEST_SFTP_KNOWN_HOSTS", env -> {
          env.remove("CREDINVEST_SFTP_HOST_KEY");
          env.put("CREDINVEST_SFTP_KNOWN_HOSTS", "/nonexistent/known_hosts");
        }),
        // found only at run time before, after the lock and log existed, as exit 1
        bad("CREDINVEST_SFTP_HOST", env -> env.put("CREDINVEST_SFTP_HOST", "127.0.0.1 /inbox")),
        bad("CREDINVEST_SFTP_HOST", env -> env.put("CREDINVEST_SFTP_HOST", "sftp://127.0.0.1")),
        bad("CREDINVEST_SFTP_HOST", env -> env.put("CREDINVEST_SFTP_HOST", "127.0.0 .1")),
        bad("CREDINVEST_SFTP_PRIVATE_KEY", env -> env.put("CREDINVEST_SFTP_PRIVATE_KEY",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n")),
        bad("DATABASE_URL", env -> env.put("DATABASE_URL", database.url() + "?sslmode=bogus")),
        // the driver's own WARNING line about the port never reaches standard error
        bad("DATABASE_URL", env -> env.put("DATABASE_URL",
            "jdbc:postgresql://" + database.host() + ":70000/fees?user=sync&password=" + SECRETS.databasePassword)),
        bad("DATABASE_URL", env -> env.put("DATABASE_URL",
            "jdbc:postgresql://" + database.host() + ":54x32/fees?user=sync&password=" + SECRETS.databasePassword)),
        bad("--log-file", env -> {}, "--log-file", "/"),
        bad("--log-file", env -> {}, "--log-file", "/etc/hostname/run.log"),
        bad("--download-dir", env -> {}, "--download-dir", "/etc/hostname/download"),
        bad("--fee-days", env -> {}, "--fee-days", "99999"),
        bad("--fee-days", env -> {}, "--fee-days", "abc"),
        bad("--full", env -> {}, "--full", "--fee-days", "3"),
        bad("--bogus", env -> {}, "--bogus"));
  }

  private static Arguments bad(String setting, Consumer<Map<String, String>> change, String... args) {
    return Arguments.of(setting, change, args);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("cases")
  void aBadSettingIsNamedInOneLineAndNothingIsTouched(
      String setting, Consumer<Map<String, String>> change, String[] extraArgs, @TempDir Path dir) throws Exception {
    Map<String, String> env = Env.of(Env.sftp(sftp, SECRETS), Env.dropbox(dropbox, SECRETS), Env.vestr(vestr),
        Env.database(database));
    change.accept(env);
    long sftpBytes = sftp.bytesRead();
    int dropboxRequests = dropbox.requests().size();
    long vestrLogins = vestr.passwordAttempts();
    Path work = dir.resolve("work");

    RunResult result = CliProcess.in(work).env(env).args("-v").args(extraArgs).run();

    result.assertConfigurationError(setting).assertNoSecretsLeaked(SECRETS.all());
    assertThat(result.stderr()).as("the error line").startsWith("integrated-sync: ").doesNotContain("WARNING");
    assertThat(result.stdout()).as("standard output").isBlank();
    assertThat(sftp.bytesRead()).as("bytes read from SFTP").isEqualTo(sftpBytes);
    assertThat(sftp.activeSessionCount()).as("SFTP connections").isZero();
    assertThat(dropbox.requests()).as("Dropbox requests").hasSize(dropboxRequests);
    assertThat(vestr.passwordAttempts()).as("Vestr logins").isEqualTo(vestrLogins);
    assertThat(database.tableExists("fee_sync_status")).as("schema created").isFalse();
    // nothing but the summary that says why, for a scheduler that drops standard error
    try (Stream<Path> files = Files.walk(work)) {
      assertThat(files.filter(p -> !p.equals(work)).map(p -> work.relativize(p).toString()))
          .as("files written into the working directory")
          .containsExactlyInAnyOrder("logs", "logs/last-run.json");
    }
    assertThat(result.lastRun().path("outcome").asText()).isEqualTo("configuration-error");
    assertThat(result.lastRun().path("exitCode").asInt()).isEqualTo(2);
    assertThat(result.lastRun().path("error").asText())
        .isEqualTo(result.stderr().strip().substring("integrated-sync: ".length()));
  }
}
