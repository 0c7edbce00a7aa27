package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.integratedsync.testkit.files.Xlsx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary accidents and planted files in the custodian's folder never replace or wipe a good
 * report: whole runs of the shaded jar from a local source folder into a local target folder, each
 * checked by what the target and download folders hold afterwards, byte for byte.
 */
class BadInboxIT {
  private static final Instant MTIME = Instant.parse("2025-12-15T16:05:01Z");
  private static final String A100 = "100001-20251215170501-INTE100F.xlsx";
  private static final String A400 = "100001-20251215170502-INTE400F.xlsx";
  private static final String B100 = "100002-20251215170501-INTE100F.xlsx";
  private static final String B400 = "100002-20251215170502-INTE400F.xlsx";

  @TempDir Path dir;
  private Path inbox;
  private Path target;
  private Path work;

  @BeforeEach
  void folders() throws IOException {
    inbox = Files.createDirectories(dir.resolve("inbox"));
    target = Files.createDirectories(dir.resolve("target"));
    work = dir.resolve("work");
  }

  private RunResult run(String... args) {
    return CliProcess.in(work)
        .args("-v", "--skip-vestr-fees", "--skip-fee-snapshots", "--source-dir", inbox.toString(), "--target-dir",
            target.toString())
        .args(args)
        .run();
  }

  private RunResult select(String... args) {
    return CliProcess.in(work).args("select", "--source-dir", inbox.toString()).args(args).run();
  }

  private Path report(String name) {
    return write(inbox, name, Xlsx.of("report " + name));
  }

  private static Path write(Path folder, String name, byte[] bytes) {
    try {
      Path file = Files.write(folder.resolve(name), bytes);
      Files.setLastModifiedTime(file, FileTime.from(MTIME));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file of a folder with its bytes, by name; links and folders are listed by name only. */
  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (Files.isSymbolicLink(entry)) {
          files.put(name, "link -> " + Files.readSymbolicLink(entry));
        } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          files.put(name, "folder");
        } else {
          files.put(name, java.util.HexFormat.of().formatHex(Files.readAllBytes(entry)));
        }
      }
    }
    return files;
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private static Map<String, String> reports(String... names) {
    Map<String, String> expected = new TreeMap<>();
    for (String name : names) {
      expected.put(name, hex(Xlsx.of("report " + name)));
    }
    return expected;
  }

  @Test
  void aFarFutureFileDoesNotMakeEveryRealReportStale() throws IOException {
    for (String name : List.of(A100, A400, B100, B400)) {
      report(name);
    }
    report("999999-99991231235959-INTE100F.xlsx");

    RunResult result = run().assertExit(0);

    assertThat(contents(target)).isEqualTo(reports(A100, A400, B100, B400));
    assertThat(contents(work.resolve("download"))).isEqualTo(reports(A100, A400, B100, B400));
    assertThat(result.console()).contains("999999-99991231235959-INTE100F.xlsx")
        .containsPattern("WARN .*set aside 1 file\\(s\\) named like reports");
    assertThat(result.task("credinvest").path("counts").path("selected").asInt()).isEqualTo(4);
  }

  @Test
  void anEmptyNewReportNeverReplacesYesterdaysReport() throws IOException {
    // within the pair gap of the 400F, so yesterday's 100F stays selected with it
    String yesterday = "100001-20251214170503-INTE100F.xlsx";
    report(yesterday);
    report(A400);
    run().assertExit(0);
    assertThat(contents(target)).isEqualTo(reports(yesterday, A400));

    // the custodian drops an empty file for today
    write(inbox, A100, new byte[0]);
    RunResult result = run().assertExit(0);

    assertThat(contents(target)).isEqualTo(reports(yesterday, A400));
    assertThat(result.console()).contains(A100);
  }

  @Test
  void aTruncatedReportFailsItsAccountAndKeepsTheLastGoodCopy() throws IOException {
    String yesterday = "100001-20251214170501-INTE100F.xlsx";
    report(yesterday);
    report(B100);
    run().assertExit(0);
    assertThat(contents(target)).isEqualTo(reports(yesterday, B100));

    // today's report is still being written when the run lists the folder
    write(inbox, A100, Xlsx.truncated("report " + A100, 200));
    RunResult result = run().assertExit(1);

    assertThat(contents(target)).isEqualTo(reports(yesterday, B100));
    assertThat(contents(work.resolve("download"))).containsOnlyKeys(yesterday, B100);
    JsonNode failed = result.task("credinvest").path("failedAccounts");
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).path("account").asText()).isEqualTo("100001");
    assertThat(failed.get(0).path("type").asText()).isEqualTo("INTE100F");
    assertThat(failed.get(0).path("error").asText()).contains("not a complete xlsx file");
    result.assertOneClearLine("Failed account numbers", "100001 (INTE100F)");
  }

  @Test
  void anHtmlErrorPageUnderAReportNameIsNeverUploaded() throws IOException {
    report(A400);
    write(inbox, A100, Xlsx.errorPage());

    RunResult result = run().assertExit(1);

    assertThat(contents(target)).isEqualTo(reports(A400));
    assertThat(result.task("credinvest").path("failedAccounts").get(0).path("error").asText())
        .contains("not a complete xlsx file", "HTML");
  }

  @Test
  void linksAndFoldersNamedLikeReportsAreNeverFollowedNorCopied() throws IOException {
    report(A100);
    report(A400);
    Files.createSymbolicLink(inbox.resolve(B100), Path.of("/etc/passwd"));
    Files.createSymbolicLink(inbox.resolve(B400), inbox.resolve("nowhere"));
    Files.createDirectories(inbox.resolve("100003-20251215170501-INTE100F.xlsx"));

    RunResult result = run().assertExit(0);

    assertThat(contents(target)).isEqualTo(reports(A100, A400));
    assertThat(contents(work.resolve("download"))).isEqualTo(reports(A100, A400));
    assertThat(result.console()).contains(B100, B400, "100003-20251215170501-INTE100F.xlsx");
  }

  @Test
  void selectJsonListsEveryEntryOnceWithItsReason() throws IOException {
    report(A100);
    Files.createDirectories(inbox.resolve("100003-20251215170501-INTE100F.xlsx"));
    Files.createSymbolicLink(inbox.resolve(B100), Path.of("/etc/passwd"));
    Files.createSymbolicLink(inbox.resolve(B400), inbox.resolve("nowhere"));
    write(inbox, A400, new byte[0]);
    report("999999-99991231235959-INTE100F.xlsx");
    Files.createDirectories(inbox.resolve("archive"));

    RunResult result = select("--json").assertExit(0);

    JsonNode json = new ObjectMapper().readTree(result.stdout());
    Map<String, String> decisions = new TreeMap<>();
    json.get("selected").forEach(f -> assertThat(decisions.put(f.get("name").asText(), "SELECTED")).isNull());
    json.get("skipped").forEach(f ->
        assertThat(decisions.put(f.get("name").asText(), f.get("reason").asText())).isNull());
    assertThat(decisions).isEqualTo(Map.of(
        A100, "SELECTED",
        A400, "EMPTY",
        B100, "NOT_A_FILE",
        B400, "NOT_A_FILE",
        "100003-20251215170501-INTE100F.xlsx", "NOT_A_FILE",
        "999999-99991231235959-INTE100F.xlsx", "FUTURE",
        "archive", "UNRECOGNISED"));
    assertThat(work.resolve("logs")).doesNotExist();
  }

  @Test
  void aUnicodeLookAlikeNeverBeatsTheGenuineReport() throws IOException {
    Path genuine = report(A100);
    String longS = A100.replace(".xlsx", ".xl\u017Fx");
    String dotless = A100.replace("INTE100F.xlsx", "\u0131nte100f.xlsx");
    write(inbox, longS, Xlsx.of("look-alike"));
    write(inbox, dotless, Xlsx.of("look-alike"));
    Files.setLastModifiedTime(genuine, FileTime.from(MTIME));

    RunResult result = run().assertExit(0);

    assertThat(contents(target)).isEqualTo(reports(A100));
    JsonNode json = new ObjectMapper().readTree(select("--json").assertExit(0).stdout());
    List<String> unrecognised = new ArrayList<>();
    json.get("skipped").forEach(f -> {
      if (f.get("reason").asText().equals("UNRECOGNISED")) {
        unrecognised.add(f.get("name").asText());
      }
    });
    assertThat(unrecognised).containsExactlyInAnyOrder(longS, dotless);
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aNameCannotForgeALogLineOrDriveTheTerminal() throws IOException {
    report(A100);
    String forged = "x\n03:00:00 ERROR forged line.xlsx";
    String clear = "\u001b[2J\u001b[H-INTE100F.xlsx";
    write(inbox, forged, Xlsx.of("x"));
    write(inbox, clear, Xlsx.of("y"));

    RunResult text = select().assertExit(0);
    RunResult verbose = run().assertExit(0);

    for (String output : List.of(text.stdout(), text.stderr(), verbose.stdout(), verbose.stderr(),
        verbose.logText())) {
      assertThat(output).doesNotContain("\u001b").doesNotContainPattern("(?m)^03:00:00 ERROR forged");
    }
    assertThat(text.stdout()).contains("x\\n03:00:00 ERROR forged line.xlsx", "\\e[2J\\e[H-INTE100F.xlsx");
    assertThat(verbose.logText()).contains("x\\n03:00:00 ERROR forged line.xlsx");
    assertThat(contents(target)).isEqualTo(reports(A100));
  }

  @Test
  void aLinkPlantedAtADownloadPartNameIsReplacedNotWrittenThrough() throws IOException {
    report(A100);
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
    Path download = Files.createDirectories(work.resolve("download"));
    Files.createSymbolicLink(download.resolve(A100 + ".part"), victim);

    run().assertExit(0);

    assertThat(victim).hasContent("precious");
    assertThat(contents(download)).isEqualTo(reports(A100));
    assertThat(contents(target)).isEqualTo(reports(A100));
  }
}
