package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderSourceTest {

  private static final Instant MTIME = Instant.parse("2025-12-15T16:05:01.123Z");
  private static final String A100 = "123456-20251215170501-INTE100F.xlsx";
  private static final String A400 = "123456-20251215170501-INTE400F.xlsx";

  @TempDir Path tmp;
  private Path inbox;
  private Path target;

  @BeforeEach
  void createFolders() throws IOException {
    inbox = Files.createDirectories(tmp.resolve("inbox"));
    target = tmp.resolve("download");
  }

  private Path write(String name, String content, Instant mtime) throws IOException {
    Path file = Files.writeString(inbox.resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  private List<String> targetFiles() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void listsRegularFilesSortedWithSizeAndMtime() throws IOException {
    write(A400, "four", MTIME);
    write("notes.txt", "hello", MTIME.plusSeconds(1));
    write(A100, "one", MTIME);
    Files.createDirectories(inbox.resolve("sub-" + A100));

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      assertThat(source.list()).containsExactly(
          new ListedFile(A100, 3, MTIME), new ListedFile(A400, 4, MTIME), new ListedFile("notes.txt", 5,
              MTIME.plusSeconds(1)));
      assertThat(source.description()).isEqualTo(inbox.toAbsolutePath().toString());
    }
  }

  @Test
  void missingOrNonFolderSourceIsAConfigurationError() throws IOException {
    Path file = write("plain.txt", "x", MTIME);
    assertThatThrownBy(() -> new LocalFolderSource(tmp.resolve("nope")).list())
        .isInstanceOfSatisfying(SourceConfigurationException.class, e -> {
          assertThat(e.setting()).isEqualTo("sourceDir");
          assertThat(e.getMessage()).contains(tmp.resolve("nope").toString(), "does not exist");
        });
    assertThatThrownBy(() -> new LocalFolderSource(file).list())
        .isInstanceOf(SourceConfigurationException.class).hasMessageContaining("is not a folder");
  }

  @Test
  void copiesWithMtimeSkipsPresentAndRefusesUnrecognised() throws IOException {
    write(A100, "one", MTIME);
    write(A400, "four", MTIME);
    write("notes.txt", "hello", MTIME);

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      DownloadReport first = source.download(listing, target);

      assertThat(first.downloaded()).extracting(r -> r.file().name()).containsExactly(A100, A400);
      assertThat(first.failed()).singleElement().satisfies(r -> {
        assertThat(r.file().name()).isEqualTo("notes.txt");
        assertThat(r.error()).hasMessage("not copied: notes.txt is not an INTE file name (does not end in .xlsx)");
      });
      assertThat(targetFiles()).containsExactly(A100, A400);
      assertThat(target.resolve(A400)).hasContent("four");
      assertThat(Files.getLastModifiedTime(target.resolve(A100))).isEqualTo(FileTime.from(MTIME));

      // same size, other content and mtime: copied again; untouched file: skipped
      write(A100, "ONE", MTIME.plusSeconds(60));
      DownloadReport second = source.download(source.list().subList(0, 2), target);

      assertThat(second.downloaded()).extracting(r -> r.file().name()).containsExactly(A100);
      assertThat(second.alreadyPresent()).extracting(r -> r.file().name()).containsExactly(A400);
      assertThat(target.resolve(A100)).hasContent("ONE");
      assertThat(second.results()).extracting(DownloadResult::localPath)
          .containsExactly(target.toAbsolutePath().resolve(A100), target.toAbsolutePath().resolve(A400));
    }
  }

  @Test
  void fileThatChangedSinceListingFailsAndLeavesNothing() throws IOException {
    write(A100, "one", MTIME);
    write(A400, "four", MTIME);

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      write(A100, "one plus more", MTIME);
      Files.delete(inbox.resolve(A400));
      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).extracting(r -> r.error().getMessage()).containsExactly(
          "size of " + A100 + " is 13 bytes after copying, but the source listed 3 bytes (changed or truncated"
              + " while copying?)",
          A400 + " is no longer in source folder " + inbox.toAbsolutePath());
    }
    assertThat(targetFiles()).isEmpty();
  }

  @Test
  void copyingAFolderOntoItselfChangesNothing() throws IOException {
    write(A100, "one", MTIME);
    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      DownloadReport report = source.download(source.list(), inbox);
      assertThat(report.alreadyPresent()).hasSize(1);
    }
    assertThat(inbox.resolve(A100)).hasContent("one");
  }

  @Test
  void unwritableTargetFolderIsAClearErrorNamingIt() throws IOException {
    write(A100, "one", MTIME);
    Path blocked = Files.writeString(tmp.resolve("blocker"), "x").resolve("download");

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      assertThatThrownBy(() -> source.download(listing, blocked))
          .isInstanceOfSatisfying(FileTransferException.class, e -> {
            assertThat(e.localPath()).isEqualTo(blocked.toAbsolutePath());
            assertThat(e.getMessage())
                .startsWith("download folder " + blocked.toAbsolutePath() + " cannot be created: ")
                .doesNotContain("java.", "Exception");
          });
    }
  }

  @Test
  void fullDiskFailsTheFileAndLeavesNothingUnderItsName() throws IOException {
    write(A100, "x".repeat(100_000), MTIME);
    Files.createDirectories(target);
    // writes to /dev/full fail with ENOSPC, exactly like a full disk
    Files.createSymbolicLink(target.resolve(A100 + ".part"), Path.of("/dev/full"));

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      DownloadReport report = source.download(source.list(), target);
      assertThat(report.failed()).singleElement().satisfies(r -> {
        assertThat(r.error()).isInstanceOf(FileTransferException.class);
        assertThat(r.error().getMessage()).contains(target.toAbsolutePath().resolve(A100) + ".part",
            "No space left on device");
      });
    }
    assertThat(targetFiles()).isEmpty();
  }
}
