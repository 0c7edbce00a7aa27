package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.integratedsync.testkit.dropbox.EntryFault;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.files.Xlsx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day on which two accounts' new reports do not land: one was still being written by the
 * custodian (not a complete xlsx, a failed download), the other's upload keeps failing with an
 * error that is not a rate limit. Each of those two keeps its previous report, named as fallback;
 * every other account holds exactly today's report; files the tool does not manage survive; exit 1
 * with both accounts named. On both targets: the Dropbox folder and a local folder.
 */
class MirrorFallbackIT {
  private static final int SIZE = 1_500;
  private static final String[] ACCOUNTS = {"200001", "200002", "200003", "200004"};
  /** Today's 100F of the first account is incomplete; today's 400F of the second cannot be uploaded. */
  private static final String INCOMPLETE = "200001-20251215170501-INTE100F.xlsx";
  private static final String REFUSED = "200002-20251215170502-INTE400F.xlsx";

  @TempDir Path dir;

  private static List<String> day(int dd) {
    List<String> names = new ArrayList<>();
    for (String account : ACCOUNTS) {
      names.add(account + "-202512" + dd + "170501-INTE100F.xlsx");
      names.add(account + "-202512" + dd + "170502-INTE400F.xlsx");
    }
    return names;
  }

  /** Yesterday's and today's reports in the inbox, today's first one cut short. */
  private Path inbox() throws IOException {
    Path inbox = dir.resolve("inbox");
    Inbox.writeAll(inbox, day(14), SIZE);
    Inbox.writeAll(inbox, day(15), SIZE);
    Files.write(inbox.resolve(INCOMPLETE), Xlsx.truncated(INCOMPLETE, 200));
    return inbox;
  }

  /** What the target must hold afterwards: today's reports except the two, which keep yesterday's. */
  private static List<String> expectedReports() {
    List<String> expected = new ArrayList<>(day(15));
    expected.remove(INCOMPLETE);
    expected.remove(REFUSED);
    expected.add("200001-20251214170501-INTE100F.xlsx");
    expected.add("200002-20251214170502-INTE400F.xlsx");
    return expected;
  }

  private static void assertTheFailureIsReported(RunResult result) {
    result.assertExit(1);
    assertThat(result.stdout()).contains("Failed account numbers:").contains("200001 (INTE100F)")
        .contains("200002 (INTE400F)");
    JsonNode task = result.task("credinvest");
    assertThat(task.path("outcome").asText()).isEqualTo("failed");
    List<String> failed = new ArrayList<>();
    task.path("failedAccounts").forEach(f -> failed.add(f.path("account").asText() + " " + f.path("type").asText()));
    assertThat(failed).containsExactlyInAnyOrder("200001 INTE100F", "200002 INTE400F");
    assertThat(task.path("counts").path("keptAsFallback").asInt()).isEqualTo(2);
    assertThat(result.logText())
        .contains("kept     200001-20251214170501-INTE100F.xlsx as the last report of 200001 INTE100F")
        .contains("kept     200002-20251214170502-INTE400F.xlsx as the last report of 200002 INTE400F");
  }

  @Test
  void onDropboxEachFailedAccountKeepsItsPreviousReportAndEveryOtherHoldsToday() throws IOException {
    Secrets secrets = new Secrets();
    Path inbox = inbox();
    try (FakeDropbox dropbox = FakeDropbox.start()) {
      day(14).forEach(name -> dropbox.putFile("/cred/" + name, Inbox.content(name, SIZE)));
      dropbox.putFile("/cred/README.txt", new byte[] {'h', 'i'});
      dropbox.putFile("/cred/notes/todo.txt", new byte[] {'t'});
      // insufficient space: not a rate limit, not retried
      dropbox.failEntry("/cred/" + REFUSED, 100, EntryFault.INSUFFICIENT_SPACE);

      RunResult result = CliProcess.in(dir.resolve("work"))
          .env(Env.dropbox(dropbox, secrets))
          .args("--source-dir", inbox.toString(), "--skip-vestr-fees", "--skip-fee-snapshots")
          .timeout(Duration.ofSeconds(120))
          .run();

      assertTheFailureIsReported(result);
      List<String> expected = expectedReports();
      expected.add("README.txt");
      assertThat(dropbox.fileNames("/cred")).containsExactlyInAnyOrderElementsOf(expected);
      for (String name : expectedReports()) {
        assertThat(dropbox.content("/cred/" + name)).as(name).hasValue(Inbox.content(name, SIZE));
      }
      assertThat(dropbox.content("/cred/notes/todo.txt")).hasValue(new byte[] {'t'});
    }
  }

  @Test
  void inALocalFolderEachFailedAccountKeepsItsPreviousReportAndEveryOtherHoldsToday() throws IOException {
    Path inbox = inbox();
    Path target = Files.createDirectories(dir.resolve("cred"));
    for (String name : day(14)) {
      Files.write(target.resolve(name), Inbox.content(name, SIZE));
    }
    Files.writeString(target.resolve("README.txt"), "hi");
    Files.createDirectories(target.resolve("notes"));
    Files.writeString(target.resolve("notes/todo.txt"), "t");
    // a folder under the report's name: every write of it fails (not a rate limit)
    Files.createDirectories(target.resolve(REFUSED));
    Files.writeString(target.resolve(REFUSED).resolve("placeholder"), "x");

    RunResult result = CliProcess.in(dir.resolve("work"))
        .args("--source-dir", inbox.toString(), "--target-dir", target.toString(), "--skip-vestr-fees",
            "--skip-fee-snapshots")
        .timeout(Duration.ofSeconds(120))
        .run();

    assertTheFailureIsReported(result);
    List<String> expected = expectedReports();
    expected.add("README.txt");
    expected.add("notes");
    expected.add(REFUSED);
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
    }
    for (String name : expectedReports()) {
      assertThat(Files.readAllBytes(target.resolve(name))).as(name).isEqualTo(Inbox.content(name, SIZE));
    }
    assertThat(target.resolve("README.txt")).hasContent("hi");
    assertThat(target.resolve("notes/todo.txt")).hasContent("t");
    assertThat(target.resolve(REFUSED).resolve("placeholder")).hasContent("x");
  }
}
