package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.dropbox.LoggedRequest;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.sftp.TestKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5, Credinvest part, with whole runs against the MINA SFTP server and the Dropbox fake:
 * unknown and changed host keys, junk file names, an empty inbox, a download folder that cannot
 * be created and one on a full file system. Each gives its documented exit code and one clear
 * line, and leaves nothing half-written: no file under a final name with the wrong content, no
 * upload of anything that was not verified, the Dropbox folder never emptied.
 */
class CredinvestProblemsIT {
  private static final Secrets SECRETS = new Secrets();
  private static SftpTestServer sftp;
  private FakeDropbox dropbox;

  @TempDir Path dir;

  @BeforeAll
  static void startSftp() {
    sftp = new SftpTestServer().withPasswordUser(Env.SFTP_USER, SECRETS.sftpPassword).start();
  }

  @AfterAll
  static void stopSftp() {
    sftp.close();
  }

  @BeforeEach
  void startDropbox() throws IOException {
    dropbox = FakeDropbox.start();
    clearInbox();
  }

  @AfterEach
  void stopDropbox() {
    dropbox.close();
  }

  private static void clearInbox() throws IOException {
    try (Stream<Path> files = Files.list(sftp.root())) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  private CliProcess run(Map<String, String> env, String... args) {
    return CliProcess.in(dir.resolve("work")).env(env).args("-v", "--skip-vestr-fees", "--skip-fee-snapshots")
        .args(args);
  }

  private Map<String, String> env() {
    return Env.of(Env.sftp(sftp, SECRETS), Env.dropbox(dropbox, SECRETS));
  }

  private List<LoggedRequest> dropboxWrites() {
    return dropbox.requests().stream().filter(r -> r.endpoint() != null && r.endpoint().isWrite()).toList();
  }

  @Test
  void aPinnedFingerprintThatDoesNotMatchIsRefused() {
    Inbox.writeAll(sftp.root(), Inbox.currentPairs(1), 1_000);
    Map<String, String> env = env();
    env.put("CREDINVEST_SFTP_HOST_KEY", TestKeyPair.ed25519().fingerprint());

    RunResult result = run(env).run();

    result.assertExit(1).assertOneClearLine("credinvest", "host key").assertNoSecretsLeaked(SECRETS.all());
    assertThat(Files.exists(dir.resolve("work/download"))).as("download folder").isFalse();
    assertThat(dropboxWrites()).as("Dropbox writes").isEmpty();
  }

  @Test
  void aHostMissingFromKnownHostsIsRefused() throws IOException {
    Inbox.writeAll(sftp.root(), Inbox.currentPairs(1), 1_000);
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    Map<String, String> env = env();
    env.remove("CREDINVEST_SFTP_HOST_KEY");
    env.put("CREDINVEST_SFTP_KNOWN_HOSTS", knownHosts.toString());

    RunResult result = run(env).run();

    result.assertExit(1).assertOneClearLine("credinvest", "host key").assertNoSecretsLeaked(SECRETS.all());
    assertThat(Files.exists(dir.resolve("work/download"))).as("download folder").isFalse();
    assertThat(dropboxWrites()).as("Dropbox writes").isEmpty();
  }

  @Test
  void aChangedHostKeyInKnownHostsIsRefused() throws IOException {
    Inbox.writeAll(sftp.root(), Inbox.currentPairs(1), 1_000);
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
        "[" + sftp.host() + "]:" + sftp.port() + " " + TestKeyPair.ed25519().authorizedKeysLine() + "\n");
    Map<String, String> env = env();
    env.remove("CREDINVEST_SFTP_HOST_KEY");
    env.put("CREDINVEST_SFTP_KNOWN_HOSTS", knownHosts.toString());

    RunResult result = run(env).run();

    result.assertExit(1).assertOneClearLine("credinvest", "host key").assertNoSecretsLeaked(SECRETS.all());
    assertThat(Files.exists(dir.resolve("work/download"))).as("download folder").isFalse();
    assertThat(dropboxWrites()).as("Dropbox writes").isEmpty();
  }

  @Test
  void junkNamesAreReportedAndNeverDownloaded() throws IOException {
    List<String> good = Inbox.writeAll(sftp.root(), Inbox.currentPairs(1), 1_000);
    List<String> junk = List.of(
        "123456-20251215170501-INTE200F.xlsx", "123456-20251332170501-INTE100F.xlsx", "readme.txt",
        "123456-20251215170501-INTE100F.xlsx.tmp", "-20251215170501-INTE100F.xlsx", "été-20251215-INTE100F.xlsx");
    Inbox.writeAll(sftp.root(), junk, 1_000);

    RunResult result = run(env()).run();

    result.assertExit(0).assertNoSecretsLeaked(SECRETS.all());
    for (String name : junk) {
      result.assertOneClearLine(name, "UNRECOGNISED");
    }
    try (Stream<Path> files = Files.list(dir.resolve("work/download"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(good);
    }
    assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(good);
  }

  @Test
  void anEmptyInboxNeverEmptiesTheDropboxFolder() {
    dropbox.putFile("/cred/100001-20251201170501-INTE100F.xlsx", new byte[] {1});
    dropbox.putFile("/cred/100001-20251201170502-INTE400F.xlsx", new byte[] {2});

    RunResult result = run(env()).run();

    result.assertExit(0).assertOneClearLine("empty", "kept").assertNoSecretsLeaked(SECRETS.all());
    assertThat(result.task("credinvest").path("counts").path("selected").asLong()).isZero();
    assertThat(dropbox.fileNames("/cred")).as("Dropbox folder after an empty listing").hasSize(2);
    assertThat(dropboxWrites()).as("Dropbox writes").isEmpty();
  }

  @Test
  void aDownloadFolderThatCannotBeCreatedIsAConfigurationErrorFoundBeforeAnythingIsTouched() throws IOException {
    Inbox.writeAll(sftp.root(), Inbox.currentPairs(1), 1_000);
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    long sftpBytes = sftp.bytesRead();

    RunResult result = run(env(), "--download-dir", notAFolder.resolve("download").toString()).run();

    result.assertConfigurationError("--download-dir")
        .assertOneClearLine(notAFolder.getFileName().toString(), "cannot be created", "is a file, not a folder")
        .assertNoSecretsLeaked(SECRETS.all());
    assertThat(result.lastRun().path("outcome").asText()).isEqualTo("configuration-error");
    assertThat(Files.readString(notAFolder)).isEqualTo("x");
    assertThat(sftp.bytesRead()).as("bytes read from SFTP").isEqualTo(sftpBytes);
    assertThat(dropboxWrites()).as("Dropbox writes").isEmpty();
  }

  @Test
  void aFullFileSystemFailsTheDownloadsAndLeavesNoWrongFile() throws Exception {
    List<String> names = Inbox.writeAll(sftp.root(), Inbox.currentPairs(2), 40 * 1024);
    try (SmallFileSystem full = SmallFileSystem.create(dir.resolve("small"), 64 * 1024)) {
      RunResult result = run(env(), "--download-dir", full.root().resolve("download").toString())
          .launcher(full.launcher()).run();
      Path downloads = full.contentsAfterRun().resolve("download");

      result.assertExit(1).assertOneClearLine("fail", "credinvest").assertNoSecretsLeaked(SECRETS.all());
      assertThat(result.task("credinvest").path("failedAccounts")).isNotEmpty();
      List<String> present = new ArrayList<>();
      if (Files.isDirectory(downloads)) {
        try (Stream<Path> files = Files.list(downloads)) {
          for (Path file : files.toList()) {
            String name = file.getFileName().toString();
            assertThat(names).as("file %s in the download folder", name).contains(name);
            assertThat(Files.readAllBytes(file)).as(name).isEqualTo(Inbox.content(name, 40 * 1024));
            present.add(name);
          }
        }
      }
      assertThat(present).as("files that fit").hasSizeLessThan(names.size());
      for (String name : dropbox.fileNames("/cred")) {
        assertThat(dropbox.content("/cred/" + name)).as(name).hasValue(Inbox.content(name, 40 * 1024));
      }
    }
  }
}
