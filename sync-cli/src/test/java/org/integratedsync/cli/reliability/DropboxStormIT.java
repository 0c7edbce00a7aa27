package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.dropbox.Endpoint;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.dropbox.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1: a Dropbox storm at the scale of a real day. 300 reports are selected of 1,200 listed;
 * 30 % of write requests are refused with HTTP 429 {@code too_many_write_operations} and {@code
 * Retry-After} 1 s, 30 % of the entries of each commit batch fail with {@code
 * too_many_write_operations} (seeded), overlapping commits are refused as Dropbox's namespace lock
 * does, and every answer takes 30 ms. Every selected file still lands with the right content, the
 * fake's request log shows no write to a path before the {@code Retry-After} sent for it had
 * elapsed, and files the tool does not manage survive; exit 0. On the next day, under the same
 * storm, every superseded report is deleted.
 */
class DropboxStormIT {
  private static final long SEED = 20251215L;
  private static final int ACCOUNTS = 150;
  private static final int SIZE = 2_000;

  @TempDir Path dir;

  /** The names of both report types of every account for one day (dd = day of December 2025). */
  private static List<String> day(int dd) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      String account = String.valueOf(100_001 + i);
      names.add(account + "-202512" + dd + "170501-INTE100F.xlsx");
      names.add(account + "-202512" + dd + "170502-INTE400F.xlsx");
    }
    return names;
  }

  @Test
  void everyFileLandsThroughTheStormAndTheNextDayEverySupersededReportGoes() {
    Secrets secrets = new Secrets();
    Path inbox = dir.resolve("inbox");
    // four days of reports: the newest 300 are selected, 900 are superseded
    for (int dd = 12; dd <= 15; dd++) {
      Inbox.writeAll(inbox, day(dd), SIZE);
    }
    List<String> today = day(15);
    try (FakeDropbox dropbox = FakeDropbox.start()) {
      // yesterday's reports, one of today's with other content, and files the tool does not manage
      day(14).forEach(name -> dropbox.putFile("/cred/" + name, Inbox.content(name, SIZE)));
      dropbox.putFile("/cred/" + today.get(0), new byte[] {1, 2, 3});
      dropbox.putFile("/cred/README.txt", new byte[] {'h', 'i'});
      dropbox.putFile("/cred/notes/todo.txt", new byte[] {'t', 'o', 'd', 'o'});
      storm(dropbox, SEED);

      RunResult first = run(dropbox, secrets, inbox);

      first.assertExit(0).assertNoSecretsLeaked(secrets.all());
      assertThat(first.task("credinvest").path("outcome").asText()).isEqualTo("succeeded");
      assertThat(first.task("credinvest").path("counts").path("selected").asInt()).isEqualTo(300);
      assertThat(first.task("credinvest").path("counts").path("listed").asInt()).isEqualTo(1_200);
      assertThat(first.task("credinvest").path("failedAccounts")).isEmpty();
      assertEveryFileLanded(dropbox, today);
      assertStormWasRiddenOut(dropbox);

      // the next day: a new report for every account, under the same storm
      Inbox.writeAll(inbox, day(16), SIZE);
      dropbox.clearLog();
      storm(dropbox, SEED + 1);

      RunResult second = run(dropbox, secrets, inbox);

      second.assertExit(0);
      assertThat(second.task("credinvest").path("counts").path("deleted").asInt()).isEqualTo(300);
      assertEveryFileLanded(dropbox, day(16));
      assertStormWasRiddenOut(dropbox);
    }
  }

  private static void storm(FakeDropbox dropbox, long seed) {
    dropbox.setRandomFailures(seed, 0.30, 0, 0.30, Duration.ofSeconds(1));
    dropbox.setWriteLockContention(Duration.ofSeconds(1));
    dropbox.setLatency(Duration.ofMillis(30));
  }

  private RunResult run(FakeDropbox dropbox, Secrets secrets, Path inbox) {
    return CliProcess.in(dir.resolve("work"))
        .env(Env.dropbox(dropbox, secrets))
        .args("-v", "--source-dir", inbox.toString(), "--skip-vestr-fees", "--skip-fee-snapshots")
        .timeout(Duration.ofSeconds(300))
        .run();
  }

  /** The folder holds exactly these reports with their content, and the foreign files untouched. */
  private static void assertEveryFileLanded(FakeDropbox dropbox, List<String> names) {
    List<String> expected = new ArrayList<>(names);
    expected.add("README.txt");
    assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(expected);
    for (String name : names) {
      assertThat(dropbox.content("/cred/" + name)).as(name).hasValue(Inbox.content(name, SIZE));
    }
    assertThat(dropbox.content("/cred/README.txt")).hasValue(new byte[] {'h', 'i'});
    assertThat(dropbox.content("/cred/notes/todo.txt")).hasValue(new byte[] {'t', 'o', 'd', 'o'});
  }

  /** The storm really refused requests and entries, and no refusal's Retry-After was cut short. */
  private static void assertStormWasRiddenOut(FakeDropbox dropbox) {
    assertThat(dropbox.retryAfterViolations()).as("writes before their Retry-After elapsed").isEmpty();
    List<LoggedRequest> log = dropbox.requests();
    assertThat(log.stream().filter(r -> r.status() == 429).count())
        .as("429 answers the storm produced (without any, the run proves nothing)")
        .isGreaterThan(50);
    assertThat(dropbox.requests(Endpoint.FINISH_BATCH).stream()
            .filter(r -> r.status() == 200 && r.committed().size() < r.keys().size()))
        .as("commits with refused entries")
        .isNotEmpty();
  }
}
