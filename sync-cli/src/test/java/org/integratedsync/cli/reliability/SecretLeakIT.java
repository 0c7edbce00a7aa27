package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.sftp.TestKeyPair;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6: every secret is a distinctive random value, given in each of the ways the
 * configuration allows (environment variable, {@code NAME_FILE}, Dropbox credentials file, a key
 * file with a passphrase, the password inside {@code DATABASE_URL}); a full run of all three tasks
 * and a run whose logins fail are made at {@code -v}; the console, every log file and
 * last-run.json hold none of them. Every other scenario checks its own runs the same way.
 */
class SecretLeakIT {
  @TempDir Path dir;

  @Test
  void noSecretAppearsInConsoleLogsOrSummary() throws Exception {
    Secrets secrets = new Secrets();
    String keyPassphrase = Secrets.token("keyPass");
    String wrongVestrPassword = Secrets.token("wrongVestrPw");
    String wrongDatabasePassword = Secrets.token("wrongPgPw");
    TestKeyPair key = TestKeyPair.ed25519();
    Path keyFile = key.writeOpenSshPrivateKey(dir.resolve("id_ed25519"), keyPassphrase);
    List<String> all = new ArrayList<>(secrets.all());
    all.add(keyPassphrase);
    all.add(wrongVestrPassword);
    all.add(wrongDatabasePassword);
    // each line of the key's base64 body is secret too
    Files.readAllLines(keyFile).stream().filter(l -> !l.startsWith("-----") && l.length() > 20).forEach(all::add);

    try (SftpTestServer sftp = new SftpTestServer().withPublicKeyUser(Env.SFTP_USER, key.publicKey()).start();
        FakeDropbox dropbox = FakeDropbox.start();
        VestrFake vestr = Fees.start(secrets, 11, 300);
        VestrFake vestrAgain = Fees.start(secrets, 11, 300);
        FeeDatabase database = FeeDatabase.create("relleak", secrets.databasePassword)) {
      List<String> names = Inbox.writeAll(sftp.root(), Inbox.currentPairs(2), 1_000);
      dropbox.setCredentials(FakeDropbox.APP_KEY, secrets.dropboxAppSecret, secrets.dropboxRefreshToken);
      Path credentials = dropbox.writeCredentialsFile(dir.resolve("dropbox_credentials.json"));
      Path vestrPasswordFile = Files.writeString(dir.resolve("vestr-password"), secrets.vestrPassword + "\n");

      Map<String, String> env = Env.of(Env.sftp(sftp, secrets), Env.vestr(vestr), Env.database(database));
      env.remove("CREDINVEST_SFTP_PASSWORD");
      env.put("CREDINVEST_SFTP_PRIVATE_KEY_FILE", keyFile.toString());
      env.put("CREDINVEST_SFTP_PRIVATE_KEY_PASSPHRASE", keyPassphrase);
      env.put("DROPBOX_BASE_URL", dropbox.baseUrl());
      env.put("DROPBOX_CREDENTIALS_FILE", credentials.toString());
      env.remove("VESTR_PASSWORD");
      env.put("VESTR_PASSWORD_FILE", vestrPasswordFile.toString());

      RunResult full = CliProcess.in(dir.resolve("work")).env(env).args("-v").timeout(Duration.ofSeconds(180)).run();

      full.assertExit(0).assertNoSecretsLeaked(all);
      assertThat(full.stdout()).as("the run logged at DEBUG on the console").contains("DEBUG");
      assertThat(full.logFiles()).as("log files").isNotEmpty();
      assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(names);
      database.assertRecords(300);

      // logins that fail put the rejected values in play: they must stay hidden as well
      Map<String, String> wrongVestr = Env.of(env, Env.vestr(vestrAgain));
      wrongVestr.remove("VESTR_PASSWORD_FILE");
      wrongVestr.put("VESTR_PASSWORD", wrongVestrPassword);
      Map<String, String> wrongDatabase = Env.of(env);
      wrongDatabase.put("DATABASE_URL", database.url().replace(secrets.databasePassword, wrongDatabasePassword));
      for (Map<String, String> failing : List.of(wrongVestr, wrongDatabase)) {
        RunResult refused = CliProcess.in(dir.resolve("work")).env(failing)
            .args("-v", "--skip-credinvest", "--skip-fee-snapshots").timeout(Duration.ofSeconds(180)).run();

        refused.assertExit(1).assertNoSecretsLeaked(all);
        assertThat(refused.task("vestr-fees").path("outcome").asText()).isEqualTo("failed");
      }
    }
  }
}
