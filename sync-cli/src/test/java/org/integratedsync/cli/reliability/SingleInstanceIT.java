package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: one run at a time. A second instance started in the same working directory while a
 * run is busy exits 3 at once with one line and leaves the first run alone; a run killed with
 * SIGKILL leaves its lock file behind, and that file does not block the next run.
 *
 * <p>The first run is kept busy by a slow SFTP server (one read per 5 s) until the second instance
 * has ended; the run that is killed is kept busy by a Dropbox answering after 1.5 s.
 */
class SingleInstanceIT {
  private static final Duration SLOW = Duration.ofMillis(1500);

  private final Secrets secrets = new Secrets();
  private FakeDropbox dropbox;

  @TempDir Path dir;

  @BeforeEach
  void startDropbox() {
    dropbox = FakeDropbox.start();
    dropbox.setLatency(SLOW);
  }

  @AfterEach
  void stopDropbox() {
    dropbox.close();
  }

  private CliProcess run(Path inbox) {
    return CliProcess.in(dir.resolve("work"))
        .env(Env.dropbox(dropbox, secrets))
        .args("-v", "--source-dir", inbox.toString(), "--skip-vestr-fees", "--skip-fee-snapshots");
  }

  @Test
  void aSecondInstanceExits3AndTheFirstFinishesUnharmed() throws Exception {
    // the first run downloads over SFTP at one read per 5 s until the second instance has ended
    try (SftpTestServer sftp = new SftpTestServer().withPasswordUser(Env.SFTP_USER, secrets.sftpPassword).start()) {
      List<String> names = Inbox.writeAll(sftp.root(), Inbox.currentPairs(2), 256 * 1024);
      sftp.setReadDelay(Duration.ofSeconds(5));
      CliProcess run = CliProcess.in(dir.resolve("work"))
          .env(Env.of(Env.sftp(sftp, secrets), Env.dropbox(dropbox, secrets)))
          .args("-v", "--skip-vestr-fees", "--skip-fee-snapshots");
      dropbox.setLatency(Duration.ZERO);

      CliProcess.Running first = run.start();
      awaitTaskStarted(first);
      RunResult second = run.timeout(Duration.ofSeconds(60)).run();
      assertThat(first.process().isAlive()).as("first run still busy when the second one ended").isTrue();
      assertThat(dir.resolve("work/logs/last-run.json")).as("summary written by the refused instance").doesNotExist();
      sftp.setReadDelay(Duration.ZERO);
      RunResult firstResult = first.await();

      second.assertExit(3).assertOneClearLine("in progress").assertNoSecretsLeaked(secrets.all());
      assertThat(second.stderr().lines().filter(l -> !l.isBlank()).count()).as("lines on stderr of\n%s", second)
          .isEqualTo(1);

      firstResult.assertExit(0).assertNoSecretsLeaked(secrets.all());
      assertThat(firstResult.lastRun().path("exitCode").asInt()).as("exit code in last-run.json").isZero();
      assertThat(firstResult.task("credinvest").path("outcome").asText()).isEqualTo("succeeded");
      assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(names);
      for (String name : names) {
        assertThat(dropbox.content("/cred/" + name)).as(name).hasValue(Inbox.content(name, 256 * 1024));
        assertThat(dir.resolve("work/download").resolve(name)).as(name).hasBinaryContent(Inbox.content(name, 256 * 1024));
      }
    }
  }

  @Test
  void aLockLeftByAKilledRunDoesNotBlockTheNextRun() throws Exception {
    Path inbox = dir.resolve("inbox");
    List<String> names = Inbox.writeAll(inbox, Inbox.currentPairs(2), 2_000);

    CliProcess.Running killed = run(inbox).start();
    awaitTaskStarted(killed);
    killed.kill();
    Path lockFile = dir.resolve("work").resolve("logs").resolve(".integrated-sync.lock");
    assertThat(Files.exists(lockFile)).as("lock file left behind by the killed run").isTrue();

    dropbox.setLatency(Duration.ZERO);
    RunResult next = run(inbox).run();

    next.assertExit(0).assertNoSecretsLeaked(secrets.all());
    assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void aLockFileThisAccountCannotWriteIsNamedWithItsOwnerAndNothingIsTouched() throws Exception {
    Path inbox = dir.resolve("inbox");
    Inbox.writeAll(inbox, Inbox.currentPairs(1), 1_000);
    Path work = Files.createDirectories(dir.resolve("work"));
    Path lock = Files.createDirectories(work.resolve("logs")).resolve(".integrated-sync.lock");
    byte[] holder = "pid 4242 since 2026-01-05T09:12:00Z\n".getBytes(StandardCharsets.UTF_8);
    Files.write(lock, holder);
    CliProcess run = CliProcess.in(work)
        .args("--source-dir", inbox.toString(), "--target-dir", "cred", "--skip-vestr-fees", "--skip-fee-snapshots");
    String expected;
    if ("root".equals(System.getProperty("user.name"))) {
      // a manual run as root left the lock file; the scheduled job runs as an ordinary account
      for (Path folder : new Path[] {dir, work, work.resolve("logs"), inbox}) {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
      }
      run.launcher(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
      expected = "cannot take the run lock: owned by root, not writable by this account: " + lock;
    } else {
      // the same situation for an account that cannot take another's file: a lock it may not write
      Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("r--r--r--"));
      expected = "cannot take the run lock: not writable (permission denied): " + lock;
    }

    RunResult result = run.run();

    result.assertConfigurationError("run lock");
    assertThat(result.stderr().strip()).isEqualTo("integrated-sync: " + expected);
    assertThat(Files.readAllBytes(lock)).as("the lock file").isEqualTo(holder);
    assertThat(work.resolve("cred")).doesNotExist();
    assertThat(work.resolve("download")).doesNotExist();
    assertThat(result.lastRun().path("outcome").asText()).isEqualTo("configuration-error");
  }

  /** Waits until the run holds the lock and works on its first task. */
  private static void awaitTaskStarted(CliProcess.Running running) throws InterruptedException {
    while (!running.stdoutSoFar().contains("credinvest: starting")) {
      assertThat(running.process().isAlive()).as("run ended early:\n%s", running.stdoutSoFar()).isTrue();
      assertThat(running.elapsed()).as("time to start the first task").isLessThan(Duration.ofSeconds(60));
      Thread.sleep(50);
    }
  }
}
