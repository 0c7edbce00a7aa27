package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task 1 from a local folder into a local folder: no service and no secret needed. */
class LocalRunTest {
  private static final String[] ONLY_FILES = {"--skip-vestr-fees", "--skip-fee-snapshots"};

  @TempDir Path work;

  private CliRun run(String... args) {
    String[] all = new String[args.length + ONLY_FILES.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(ONLY_FILES, 0, all, args.length, ONLY_FILES.length);
    return CliRun.run(work, Map.of(), all);
  }

  private static long count(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  @Test
  void theTargetEndsUpHoldingExactlyTheSelection() throws Exception {
    Path target = Files.createDirectories(work.resolve("cred"));
    Files.writeString(target.resolve("555555-20251201000000-INTE100F.xlsx"), "stale");
    Files.writeString(target.resolve(Services.SELECTED.get(0)), "an older version");

    CliRun run = run("--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "cred");

    assertThat(run.exitCode).as(run.toString()).isZero();
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Services.SELECTED);
    }
    for (String name : Services.SELECTED) {
      assertThat(Files.readAllBytes(target.resolve(name))).as(name)
          .isEqualTo(Files.readAllBytes(CliRun.sampleInbox().resolve(name)));
    }
    assertThat(run.out).contains("uploaded=6", "deleted=1");
  }

  @Test
  void onATerminalDownloadsAndUploadsShowAProgressLine() {
    CliRun run =
        CliRun.run(
            new CliEnvironment(Map.of(), work, java.time.Clock.systemDefaultZone(), true),
            "--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "cred", ONLY_FILES[0], ONLY_FILES[1]);

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("\rdownloading: 6/6", "\ruploading: 6/6");
  }

  @Test
  void deleteAfterUploadEmptiesTheDownloadFolder() throws Exception {
    CliRun run =
        run("--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "cred", "--download-dir", "dl",
            "--delete-after-upload");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(count(work.resolve("cred"))).isEqualTo(6);
    assertThat(count(work.resolve("dl"))).isZero();
    assertThat(run.out).contains("localDeleted=6");
  }

  @Test
  void aDryRunCreatesNothingButTheLog() throws Exception {
    Path target = Files.createDirectories(work.resolve("cred"));
    Files.writeString(target.resolve("555555-20251201000000-INTE100F.xlsx"), "stale");

    CliRun run = run("--dry-run", "--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "cred");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(work.resolve("download")).doesNotExist();
    assertThat(count(target)).isEqualTo(1);
    assertThat(run.out).contains("wouldDownload=6", "wouldUpload=6", "wouldDelete=1", "dry run");
  }

  @Test
  void settingsComeFromThePropertiesFileAndTheLogFileCanMove() throws Exception {
    Files.writeString(
        work.resolve("job.properties"),
        "INTEGRATED_SYNC_SOURCE_DIR=" + CliRun.sampleInbox() + "\nINTEGRATED_SYNC_TARGET_DIR=from-file\n");

    CliRun run = run("--config", "job.properties", "--log-file", "elsewhere/sync.log");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(count(work.resolve("from-file"))).isEqualTo(6);
    assertThat(Files.readString(work.resolve("elsewhere/sync.log"))).contains("[ OK ] credinvest");
    assertThat(work.resolve("elsewhere/last-run.json")).exists();
    assertThat(work.resolve("logs/last-run.json")).doesNotExist();
  }

  @Test
  void theConsoleShowsDebugLinesOnlyWithVerbose() {
    String[] args = {"--source-dir", CliRun.sampleInbox().toString(), "--target-dir", "cred"};
    CliRun quiet = run(args);
    CliRun verbose = run(concat("-v", args));

    assertThat(quiet.out).doesNotContain("DEBUG");
    assertThat(verbose.out).contains("DEBUG").contains("skipped  notes.txt: UNRECOGNISED");
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
