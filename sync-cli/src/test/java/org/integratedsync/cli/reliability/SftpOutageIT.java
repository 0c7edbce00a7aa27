package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2: the SFTP server goes down in the middle of the downloads (once 1 MiB is served) and stays down. The run
 * gives up after its reconnect attempts, exits 1 with one clear line, and leaves no file under its
 * final name with the wrong size or content. Once the server is back, the next run downloads and
 * uploads what is missing and exits 0.
 */
class SftpOutageIT {
  private static final int SIZE = 512 * 1024;

  @TempDir Path dir;

  @Test
  void aServerLostMidDownloadFailsCleanlyAndTheNextRunCompletes() throws Exception {
    Secrets secrets = new Secrets();
    try (SftpTestServer sftp = new SftpTestServer().withPasswordUser(Env.SFTP_USER, secrets.sftpPassword).start();
        FakeDropbox dropbox = FakeDropbox.start()) {
      List<String> names = Inbox.writeAll(sftp.root(), Inbox.currentPairs(3), SIZE);
      Path work = dir.resolve("work");
      Path downloads = work.resolve("download");
      CliProcess run = CliProcess.in(work)
          .env(Env.of(Env.sftp(sftp, secrets), Env.dropbox(dropbox, secrets)))
          .args("-v", "--skip-vestr-fees", "--skip-fee-snapshots")
          .timeout(Duration.ofSeconds(120));

      // the server stops, mid-file, once 1 MiB of the 3 MiB has been served, and stays down
      sftp.stopAfterBytesRead(SIZE * 2L);
      RunResult broken = run.run();

      assertThat(sftp.isRunning()).as("SFTP server running after the outage").isFalse();
      broken.assertExit(1).assertOneClearLine("fail", "credinvest").assertNoSecretsLeaked(secrets.all());
      assertThat(broken.task("credinvest").path("outcome").asText()).isEqualTo("failed");
      assertThat(broken.task("credinvest").path("failedAccounts")).as("failed accounts").isNotEmpty();
      int complete = 0;
      for (String name : names) {
        Path file = downloads.resolve(name);
        if (Files.exists(file)) {
          assertThat(Files.readAllBytes(file)).as("%s under its final name", name).isEqualTo(Inbox.content(name, SIZE));
          complete++;
        }
        dropbox.content("/cred/" + name).ifPresent(bytes ->
            assertThat(bytes).as("%s in Dropbox", name).isEqualTo(Inbox.content(name, SIZE)));
      }
      assertThat(complete).as("files complete before the outage").isLessThan(names.size());
      long inDropbox = names.stream().filter(n -> dropbox.content("/cred/" + n).isPresent()).count();

      sftp.resetFaults();
      sftp.start();
      RunResult next = run.run();

      next.assertExit(0).assertNoSecretsLeaked(secrets.all());
      for (String name : names) {
        assertThat(Files.readAllBytes(downloads.resolve(name))).as(name).isEqualTo(Inbox.content(name, SIZE));
        assertThat(dropbox.content("/cred/" + name)).as("%s in Dropbox", name).hasValue(Inbox.content(name, SIZE));
      }
      assertThat(next.task("credinvest").path("counts").path("uploaded").asLong())
          .as("uploads of the second run: only what the first did not upload")
          .isEqualTo(names.size() - inDropbox);
      try (Stream<Path> left = Files.list(downloads)) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .as("download folder after the complete run")
            .containsExactlyInAnyOrderElementsOf(names);
      }
    }
  }
}
