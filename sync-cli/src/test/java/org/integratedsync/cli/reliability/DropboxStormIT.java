package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.dropbox.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1: a Dropbox storm. 30 % of write requests are refused with HTTP 429 {@code
 * too_many_write_operations} and {@code Retry-After} 1–2 s, 5 % with 503, and 30 % of the entries
 * of each commit batch fail with {@code too_many_write_operations} (seeded). Every selected file
 * still lands with the right content, the stale file goes, and the fake's request log shows no
 * write to a path before the {@code Retry-After} sent for it had elapsed; exit 0.
 */
class DropboxStormIT {
  private static final long SEED = 20251215L;

  @TempDir Path dir;

  @Test
  void everyFileLandsAndNoRetryAfterIsCutShort() {
    Secrets secrets = new Secrets();
    Path inbox = dir.resolve("inbox");
    List<String> names = Inbox.writeAll(inbox, Inbox.currentPairs(3), 3_000);
    try (FakeDropbox dropbox = FakeDropbox.start()) {
      // one file with old content, one that is no longer selected
      dropbox.putFile("/cred/" + names.get(0), new byte[] {1, 2, 3});
      dropbox.putFile("/cred/999999-20251201170501-INTE100F.xlsx", new byte[] {4, 5, 6});
      dropbox.setRandomFailures(SEED, 0.30, 0.05, 0.30);

      RunResult result = CliProcess.in(dir.resolve("work"))
          .env(Env.dropbox(dropbox, secrets))
          .args("-v", "--source-dir", inbox.toString(), "--skip-vestr-fees", "--skip-fee-snapshots")
          .timeout(Duration.ofSeconds(180))
          .run();

      result.assertExit(0).assertNoSecretsLeaked(secrets.all());
      assertThat(result.task("credinvest").path("outcome").asText()).isEqualTo("succeeded");
      assertThat(result.task("credinvest").path("failedAccounts")).isEmpty();
      assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(names);
      for (String name : names) {
        assertThat(dropbox.content("/cred/" + name)).as(name).hasValue(Inbox.content(name, 3_000));
      }
      assertThat(dropbox.retryAfterViolations()).as("writes before their Retry-After elapsed").isEmpty();

      List<LoggedRequest> log = dropbox.requests();
      assertThat(log.stream().filter(r -> r.status() == 429).count())
          .as("429 answers the storm produced (without any, the run proves nothing)")
          .isPositive();
    }
  }
}
