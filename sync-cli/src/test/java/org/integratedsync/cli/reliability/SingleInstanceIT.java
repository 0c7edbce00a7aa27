package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: one run at a time. A second instance started in the same working directory while a
 * run is busy exits 3 at once with one line and leaves the first run alone; a run killed with
 * SIGKILL leaves its lock file behind, and that file does not block the next run.
 *
 * <p>The first run is kept busy by a Dropbox that answers every request after 1.5 s.
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
    Path inbox = dir.resolve("inbox");
    List<String> names = Inbox.writeAll(inbox, Inbox.currentPairs(2), 2_000);

    CliProcess.Running first = run(inbox).start();
    awaitTaskStarted(first);
    RunResult second = run(inbox).timeout(Duration.ofSeconds(30)).run();
    assertThat(first.process().isAlive()).as("first run still busy when the second one ended").isTrue();
    RunResult firstResult = first.await();

    second.assertExit(3).assertOneClearLine("in progress").assertNoSecretsLeaked(secrets.all());
    assertThat(second.stderr().lines().filter(l -> !l.isBlank()).count()).as("lines on stderr of\n%s", second)
        .isEqualTo(1);

    firstResult.assertExit(0).assertNoSecretsLeaked(secrets.all());
    assertThat(firstResult.lastRun().path("exitCode").asInt()).as("exit code in last-run.json").isZero();
    assertThat(firstResult.task("credinvest").path("outcome").asText()).isEqualTo("succeeded");
    assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(names);
    for (String name : names) {
      assertThat(dropbox.content("/cred/" + name)).as(name).hasValue(Inbox.content(name, 2_000));
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

  /** Waits until the run holds the lock and works on its first task. */
  private static void awaitTaskStarted(CliProcess.Running running) throws InterruptedException {
    while (!running.stdoutSoFar().contains("credinvest: starting")) {
      assertThat(running.process().isAlive()).as("run ended early:\n%s", running.stdoutSoFar()).isTrue();
      assertThat(running.elapsed()).as("time to start the first task").isLessThan(Duration.ofSeconds(60));
      Thread.sleep(50);
    }
  }
}
