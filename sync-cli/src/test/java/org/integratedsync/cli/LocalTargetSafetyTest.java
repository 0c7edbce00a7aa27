package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.integratedsync.testkit.files.Xlsx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A local target folder can never cost another folder its files: one that overlaps the source,
 * the download folder or the working directory is refused before anything is touched; a dry run
 * leaves it byte for byte as it was; two reports whose names differ only in case fail alone.
 */
class LocalTargetSafetyTest {
  private static final String[] ONLY_FILES = {"--skip-vestr-fees", "--skip-fee-snapshots"};

  @TempDir Path work;
  private Path inbox;

  @BeforeEach
  void inbox() throws IOException {
    inbox = Files.createDirectories(work.resolve("data/inbox"));
    Xlsx.write(inbox.resolve("100001-20251215170501-INTE100F.xlsx"), "a");
    Xlsx.write(inbox.resolve("100001-20251215170502-INTE400F.xlsx"), "b");
    Files.writeString(inbox.resolve("notes.txt"), "not a report");
    Files.writeString(work.resolve("integrated-sync.properties"), "# settings\n");
  }

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(ONLY_FILES));
    return CliRun.run(work, Map.of(), all.toArray(String[]::new));
  }

  /** Every entry under a folder with its bytes and modification time. */
  private static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.toList()) {
        String key = folder.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          entries.put(key, "link to " + Files.readSymbolicLink(path));
        } else if (Files.isRegularFile(path)) {
          entries.put(key, HexFormat.of().formatHex(Files.readAllBytes(path)) + " " + Files.getLastModifiedTime(path));
        } else {
          entries.put(key, "folder");
        }
      }
    }
    return entries;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "data/inbox|--source-dir data/inbox|the source folder",
      "data/inbox/cred|--source-dir data/inbox|inside the source folder",
      "data|--source-dir data/inbox|contains the source folder",
      "link-to-inbox|--source-dir data/inbox|the source folder",
      "dl|--source-dir data/inbox --download-dir dl|the download folder",
      "dl/cred|--source-dir data/inbox --download-dir dl|inside the download folder",
      "download/..|--source-dir data/inbox|the working directory",
      ".|--source-dir data/inbox|the working directory",
      "..|--source-dir data/inbox|an ancestor of the working directory"})
  void aTargetThatOverlapsAnotherFolderIsRefusedBeforeAnythingIsTouched(String spec) throws IOException {
    String[] parts = spec.split("\\|");
    Files.createSymbolicLink(work.resolve("link-to-inbox"), inbox);
    Path parent = work.getParent();
    var workBefore = snapshot(work);
    List<String> args = new ArrayList<>(List.of(parts[1].split(" ")));
    args.add("--target-dir");
    args.add(parts[0]);

    CliRun run = run(args.toArray(String[]::new));

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    List<String> lines = (run.out + run.err).lines().filter(l -> l.contains("--target-dir")).toList();
    assertThat(lines).as(run.toString()).singleElement()
        .satisfies(line -> assertThat(line).contains(parts[2]).contains("choose"));
    // nothing was created, deleted or changed (a configuration error may leave its report in logs/)
    var workAfter = snapshot(work);
    workAfter.keySet().removeIf(key -> key.equals("logs") || key.startsWith("logs/"));
    assertThat(workAfter).isEqualTo(workBefore);
    assertThat(parent).exists();
  }

  @Test
  void aDryRunLeavesALocalTargetByteForByteUnchanged() throws IOException {
    Path target = Files.createDirectories(work.resolve("cred"));
    Xlsx.write(target.resolve("100001-20251214170501-INTE100F.xlsx"), "yesterday");
    Files.write(target.resolve("100001-20251215170502-INTE400F.xlsx"), new byte[] {1, 2, 3});
    Files.writeString(target.resolve("README.txt"), "read me");
    Files.createDirectories(target.resolve("notes"));
    Files.writeString(target.resolve("notes/todo.txt"), "todo");
    Files.writeString(target.resolve(".integrated-sync-4711.part"), "left by a killed run");
    var before = snapshot(target);

    CliRun run = run("--dry-run", "--source-dir", inbox.toString(), "--target-dir", "cred");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(snapshot(target)).isEqualTo(before);
    assertThat(run.out).contains("wouldUpload=2", "wouldDelete=1", "foreign=1");
  }

  @Test
  void twoReportsWhoseNamesDifferOnlyInCaseFailAloneAndBothAreNamed() throws IOException {
    Xlsx.write(inbox.resolve("abc-20251215170501-INTE100F.xlsx"), "lower");
    Xlsx.write(inbox.resolve("ABC-20251215170501-INTE100F.xlsx"), "upper");
    Path target = Files.createDirectories(work.resolve("cred"));
    Files.writeString(target.resolve("README.txt"), "read me");

    CliRun run = run("--source-dir", inbox.toString(), "--target-dir", "cred");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
    assertThat(run.out).contains("abc (INTE100F)").contains("ABC (INTE100F)");
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "100001-20251215170501-INTE100F.xlsx", "100001-20251215170502-INTE400F.xlsx", "README.txt");
    }
  }
}
