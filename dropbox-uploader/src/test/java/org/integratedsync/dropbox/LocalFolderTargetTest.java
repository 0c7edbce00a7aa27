package org.integratedsync.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror into a local directory. */
class LocalFolderTargetTest {

  @TempDir Path source;
  @TempDir Path root;

  private final RetrySettings noWaiting = RetrySettings.builder().backoff(Duration.ZERO, Duration.ZERO)
      .build();

  private LocalFile local(String name, String content) throws IOException {
    Path path = source.resolve(name);
    Files.writeString(path, content);
    return new LocalFile(name, path);
  }

  @Test
  void theFolderEndsUpHoldingExactlyTheSelectionAndSubfoldersAreUntouched() throws IOException {
    Path target = root.resolve("cred");
    Files.createDirectories(target.resolve("archive"));
    Files.writeString(target.resolve("archive/keep.xlsx"), "keep");
    Files.writeString(target.resolve("stale.xlsx"), "stale");
    Files.writeString(target.resolve("changed.xlsx"), "before");
    Files.writeString(target.resolve(LocalFolderTarget.TEMP_PREFIX + "123.part"), "left by a killed run");
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting));

    MirrorReport report = mirror.mirror(List.of(local("changed.xlsx", "after"), local("new.xlsx", "new")));

    assertThat(report.uploaded()).containsExactly("changed.xlsx", "new.xlsx");
    assertThat(report.deleted()).containsExactly("stale.xlsx");
    try (var entries = Files.list(target)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("archive", "changed.xlsx", "new.xlsx");
    }
    assertThat(target.resolve("changed.xlsx")).hasContent("after");
    assertThat(target.resolve("archive/keep.xlsx")).hasContent("keep");
  }

  @Test
  void aFolderThatCannotBeCreatedIsAFolderAccessErrorNotADropboxError() throws IOException {
    Files.writeString(root.resolve("afile"), "a file where a folder is expected");
    Path target = root.resolve("afile/cred");
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting));
    List<LocalFile> selection = List.of(local("a.xlsx", "alpha"));

    assertThatThrownBy(() -> mirror.mirror(selection))
        .isInstanceOfSatisfying(FolderAccessException.class, e -> assertThat(e.folder()).isEqualTo(target.toString()))
        .isInstanceOf(MirrorException.class)
        .isNotInstanceOf(DropboxSyncException.class)
        .hasMessageContaining("Cannot create target directory " + target);
    assertThat(root.resolve("afile")).hasContent("a file where a folder is expected");
  }

  @Test
  void aMissingFolderIsCreatedAndAnUnchangedFileIsNotRewritten() throws IOException {
    Path target = root.resolve("new/cred");
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting));
    List<LocalFile> selection = List.of(local("a.xlsx", "alpha"));
    mirror.mirror(selection);
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(target.resolve("a.xlsx"), written);

    MirrorReport again = mirror.mirror(selection);

    assertThat(again.unchanged()).containsExactly("a.xlsx");
    assertThat(again.bytesUploaded()).isZero();
    assertThat(Files.getLastModifiedTime(target.resolve("a.xlsx"))).isEqualTo(written);
  }

  @Test
  void aChangedFileReplacesAnEarlierSpellingOfItsName() throws IOException {
    Path target = root.resolve("cred");
    Files.createDirectories(target);
    Files.writeString(target.resolve("REPORT.xlsx"), "before");
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting));

    MirrorReport report = mirror.mirror(List.of(local("report.xlsx", "after")));

    assertThat(report.uploaded()).containsExactly("report.xlsx");
    try (var entries = Files.list(target)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("report.xlsx");
    }
    assertThat(target.resolve("report.xlsx")).hasContent("after");
  }

  @Test
  void aPlanDoesNotCreateTheFolder() throws IOException {
    Path target = root.resolve("absent");
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting));

    MirrorPlan plan = mirror.plan(List.of(local("a.xlsx", "alpha")));

    assertThat(plan.upload()).extracting(LocalFile::name).containsExactly("a.xlsx");
    assertThat(target).doesNotExist();
  }

  @Test
  void listingReportsDropboxContentHashes() throws IOException {
    Path target = root.resolve("cred");
    Files.createDirectories(target);
    Files.write(target.resolve("x.bin"), new byte[] {'a'});

    assertThat(new LocalFolderTarget(target).list(false))
        .containsExactly(new RemoteFile("x.bin", "bf5d3affb73efd2ec6c36ad3112dd933efed63c4e1cbffcfa88e2759c144f2d8", 1));
  }

  @Test
  void aFailedWriteLeavesNoPartialFileUnderTheFinalName() throws IOException {
    Path target = root.resolve("cred");
    Files.createDirectories(target);
    Files.writeString(target.resolve("a.xlsx"), "previous");
    LocalFolderTarget folder = new LocalFolderTarget(target);

    List<EntryResult> results = folder.upload(List.of(new LocalFile("a.xlsx", source.resolve("missing.xlsx"))), java.time.Instant.MAX);

    assertThat(results).singleElement().satisfies(r -> assertThat(r.succeeded()).isFalse());
    assertThat(target.resolve("a.xlsx")).hasContent("previous");
    try (var entries = Files.list(target)) {
      assertThat(entries).hasSize(1);
    }
  }

  /** Every entry of a folder tree with its bytes (links as their targets), for byte-for-byte comparison. */
  private static java.util.Map<String, String> snapshot(Path folder) throws IOException {
    java.util.Map<String, String> entries = new java.util.TreeMap<>();
    try (var walk = Files.walk(folder)) {
      for (Path path : walk.toList()) {
        String key = folder.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          entries.put(key, "link to " + Files.readSymbolicLink(path));
        } else if (Files.isRegularFile(path)) {
          entries.put(key, java.util.HexFormat.of().formatHex(Files.readAllBytes(path)) + " "
              + Files.getLastModifiedTime(path));
        } else {
          entries.put(key, "folder");
        }
      }
    }
    return entries;
  }

  @Test
  void aPlanChangesNothingNotEvenLeftoverTemporaryFiles() throws IOException {
    Path target = root.resolve("cred");
    Files.createDirectories(target.resolve("notes"));
    Files.writeString(target.resolve("stale.xlsx"), "stale");
    Files.writeString(target.resolve("README.txt"), "read me");
    Files.writeString(target.resolve(LocalFolderTarget.TEMP_PREFIX + "123.part"), "left by a killed run");
    var before = snapshot(target);

    MirrorPlan plan = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting)
        .withManaged(name -> name.endsWith(".xlsx"))).plan(List.of(local("a.xlsx", "a")));

    assertThat(plan.delete()).containsExactly("stale.xlsx");
    assertThat(plan.foreign()).containsExactly("README.txt");
    assertThat(snapshot(target)).isEqualTo(before);
  }

  @Test
  void aLinkAtATemporaryNameIsRemovedWithoutFollowingIt() throws IOException {
    Path target = root.resolve("cred");
    Files.createDirectories(target);
    Path outside = root.resolve("outside.txt");
    Files.writeString(outside, "precious");
    Path link = target.resolve(LocalFolderTarget.TEMP_PREFIX + "999.part");
    Files.createSymbolicLink(link, outside);

    MirrorReport report = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting))
        .mirror(List.of(local("a.xlsx", "a")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(link).doesNotExist();
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(outside).hasContent("precious");
  }

  @Test
  void linksOtherEntriesAndNamesThatAreNotUtf8AreLeftAloneAndReported() throws IOException, InterruptedException {
    Path target = root.resolve("cred");
    Files.createDirectories(target);
    Path outside = root.resolve("outside.xlsx");
    Files.writeString(outside, "precious");
    Files.createSymbolicLink(target.resolve("link.xlsx"), outside);
    // a file whose name holds the byte 0xFF, which is not UTF-8
    Process touch = new ProcessBuilder("sh", "-c", "cd \"$1\" && touch \"$(printf 'bad-\\377.xlsx')\"", "sh",
        target.toString()).inheritIO().start();
    assertThat(touch.waitFor()).isZero();
    Files.writeString(target.resolve("stale.xlsx"), "stale");

    List<RemoteFile> listed = new LocalFolderTarget(target).list(false);
    MirrorReport report = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting))
        .mirror(List.of(local("a.xlsx", "a")));

    assertThat(listed).filteredOn(f -> f.name().startsWith("bad-")).singleElement()
        .satisfies(f -> assertThat(f.unusable()).contains("not valid UTF-8"));
    assertThat(listed).filteredOn(f -> f.name().equals("link.xlsx")).singleElement()
        .satisfies(f -> assertThat(f.unusable()).contains("symbolic link"));
    assertThat(report.deleted()).containsExactly("stale.xlsx");
    assertThat(report.foreign()).hasSize(2).contains("link.xlsx");
    assertThat(outside).hasContent("precious");
    assertThat(Files.isSymbolicLink(target.resolve("link.xlsx"))).isTrue();
    try (var entries = Files.list(target)) {
      assertThat(entries.map(p -> p.getFileName().toString())).hasSize(3).contains("a.xlsx", "link.xlsx");
    }
    // a second run reports nothing deleted: the odd name was never counted as deletable
    MirrorReport again = new FolderMirror(new LocalFolderTarget(target), MirrorSettings.defaults().withRetry(noWaiting))
        .mirror(List.of(local("a.xlsx", "a")));
    assertThat(again.deleted()).isEmpty();
  }

  @Test
  void aFailureIsExplainedInTheFileSystemsWordsWithoutJavaClassNamesWhereThereAreWords() {
    assertThat(LocalFolderTarget.why(new AccessDeniedException("/cred/a.xlsx"))).isEqualTo("permission denied");
    assertThat(LocalFolderTarget.why(new NoSuchFileException("/cred"))).isEqualTo("no such file or folder");
    assertThat(LocalFolderTarget.why(new FileSystemException("/cred/a.xlsx", null, "No space left on device")))
        .isEqualTo("No space left on device");
    assertThat(LocalFolderTarget.why(new IOException("Input/output error"))).isEqualTo("Input/output error");
    assertThat(LocalFolderTarget.why(new UncheckedIOException(new AccessDeniedException("/in/a.xlsx"))))
        .isEqualTo("permission denied");
    // no reason at all: the type is the only information there is
    assertThat(LocalFolderTarget.why(new DirectoryNotEmptyException("/cred/sub"))).isEqualTo("DirectoryNotEmptyException");
  }
}
