package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.integratedsync.testkit.files.Xlsx;
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

  /** Writes a complete xlsx holding {@code text}, as a report. */
  private Path report(String name, String text, Instant mtime) throws IOException {
    Path file = Files.write(inbox.resolve(name), Xlsx.of(text));
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  private List<String> targetFiles() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void listsEveryEntrySortedWithSizeMtimeAndKind() throws IOException {
    write(A400, "four", MTIME);
    write("notes.txt", "hello", MTIME.plusSeconds(1));
    write(A100, "one", MTIME);
    Files.createDirectories(inbox.resolve("sub-" + A100));

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      assertThat(listing).hasSize(4);
      assertThat(listing.subList(0, 3)).containsExactly(
          new ListedFile(A100, 3, MTIME), new ListedFile(A400, 4, MTIME), new ListedFile("notes.txt", 5,
              MTIME.plusSeconds(1)));
      assertThat(listing.get(3)).extracting(ListedFile::name, ListedFile::kind)
          .containsExactly("sub-" + A100, ListedFile.Kind.DIRECTORY);
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
    report(A100, "one", MTIME);
    report(A400, "four", MTIME);
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
      assertThat(target.resolve(A400)).hasBinaryContent(Xlsx.of("four"));
      assertThat(Files.getLastModifiedTime(target.resolve(A100))).isEqualTo(FileTime.from(MTIME));

      // same size, other content and mtime: copied again; untouched file: skipped
      report(A100, "ONE", MTIME.plusSeconds(60));
      DownloadReport second = source.download(source.list().subList(0, 2), target);

      assertThat(second.downloaded()).extracting(r -> r.file().name()).containsExactly(A100);
      assertThat(second.alreadyPresent()).extracting(r -> r.file().name()).containsExactly(A400);
      assertThat(target.resolve(A100)).hasBinaryContent(Xlsx.of("ONE"));
      assertThat(second.results()).extracting(DownloadResult::localPath)
          .containsExactly(target.toAbsolutePath().resolve(A100), target.toAbsolutePath().resolve(A400));
    }
  }

  @Test
  void fileThatChangedSinceListingFailsAndLeavesNothing() throws IOException {
    report(A100, "one", MTIME);
    report(A400, "four", MTIME);

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      report(A100, "one plus more", MTIME);
      Files.delete(inbox.resolve(A400));
      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).extracting(r -> r.error().getMessage()).containsExactly(
          "size of " + A100 + " is " + Xlsx.of("one plus more").length + " bytes after copying, but the source listed "
              + Xlsx.of("one").length + " bytes (changed or truncated while copying?)",
          A400 + " is no longer in source folder " + inbox.toAbsolutePath());
    }
    assertThat(targetFiles()).isEmpty();
  }

  @Test
  void copyingAFolderOntoItselfChangesNothing() throws IOException {
    report(A100, "one", MTIME);
    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      DownloadReport report = source.download(source.list(), inbox);
      assertThat(report.alreadyPresent()).hasSize(1);
    }
    assertThat(inbox.resolve(A100)).hasBinaryContent(Xlsx.of("one"));
  }

  @Test
  void unwritableTargetFolderIsAClearErrorNamingIt() throws IOException {
    report(A100, "one", MTIME);
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
  void aLinkPlantedAtThePartNameIsReplacedNeverFollowed() throws IOException {
    report(A100, "x".repeat(100_000), MTIME);
    Files.createDirectories(target);
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "must stay as it is");
    Files.createSymbolicLink(target.resolve(A100 + ".part"), victim);

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      assertThat(source.download(source.list(), target).isComplete()).isTrue();
    }
    assertThat(victim).hasContent("must stay as it is");
    assertThat(target.resolve(A100)).hasBinaryContent(Xlsx.of("x".repeat(100_000)));
    assertThat(targetFiles()).containsExactly(A100);
  }

  @Test
  void incompleteReportsFailAloneAndLeaveNothingUnderTheirNames() throws IOException {
    String good = "654321-20251215170501-INTE100F.xlsx";
    Files.write(inbox.resolve(A100), Xlsx.truncated("still being written", 120));
    Files.write(inbox.resolve(A400), Xlsx.errorPage());
    report(good, "good", MTIME);
    String empty = "777777-20251215170501-INTE100F.xlsx";
    Files.write(inbox.resolve(empty), new byte[0]);

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      DownloadReport report = source.download(listing, target);

      assertThat(report.downloaded()).extracting(r -> r.file().name()).containsExactly(good);
      assertThat(report.failed()).extracting(r -> r.file().name(), r -> r.error().getMessage()).containsExactly(
          tuple(A100, A100 + " is not a complete xlsx file: the zip archive is cut off or damaged (zip END header"
              + " not found)"),
          tuple(A400, A400 + " is not a complete xlsx file: it does not start with a zip header (looks like an"
              + " HTML or XML page)"),
          tuple(empty, empty + " is not a complete xlsx file: it is empty"));
    }
    assertThat(targetFiles()).containsExactly(good);
  }

  @Test
  void anIncompleteFileAlreadyPresentIsFetchedAgain() throws IOException {
    Path source = report(A100, "whole", MTIME);
    Files.createDirectories(target);
    // same size and time as the source, but not a zip (left by an older version or by hand)
    Files.write(target.resolve(A100), new byte[(int) Files.size(source)]);
    Files.setLastModifiedTime(target.resolve(A100), FileTime.from(MTIME));

    try (LocalFolderSource folder = new LocalFolderSource(inbox)) {
      DownloadReport report = folder.download(folder.list(), target);
      assertThat(report.downloaded()).hasSize(1);
    }
    assertThat(target.resolve(A100)).hasBinaryContent(Xlsx.of("whole"));
  }

  @Test
  void listsLinksFoldersAndDanglingLinksAsWhatTheyAreAndNeverCopiesThem() throws IOException {
    String link = "111111-20251215170501-INTE100F.xlsx";
    String dangling = "222222-20251215170501-INTE100F.xlsx";
    String folder = "333333-20251215170501-INTE100F.xlsx";
    Files.createSymbolicLink(inbox.resolve(link), Path.of("/etc/passwd"));
    Files.createSymbolicLink(inbox.resolve(dangling), inbox.resolve("nowhere"));
    Files.createDirectories(inbox.resolve(folder));
    report(A100, "real", MTIME);

    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      assertThat(listing).extracting(ListedFile::name, ListedFile::kind).containsExactly(
          tuple(link, ListedFile.Kind.SYMLINK),
          tuple(A100, ListedFile.Kind.FILE),
          tuple(dangling, ListedFile.Kind.SYMLINK),
          tuple(folder, ListedFile.Kind.DIRECTORY));

      // even when asked to, a source copies regular files only
      DownloadReport report = source.download(listing, target);
      assertThat(report.downloaded()).extracting(r -> r.file().name()).containsExactly(A100);
      assertThat(report.failed()).extracting(r -> r.error().getMessage()).containsExactly(
          "not copied: " + link + " is not a regular file (SYMLINK)",
          "not copied: " + dangling + " is not a regular file (SYMLINK)",
          "not copied: " + folder + " is not a regular file (DIRECTORY)");
    }
    assertThat(targetFiles()).containsExactly(A100);
  }

  @Test
  void anEntryReplacedByALinkAfterListingIsNotFollowed() throws IOException {
    report(A100, "real", MTIME);
    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      Files.delete(inbox.resolve(A100));
      Path secret = Files.write(tmp.resolve("secret.xlsx"), Xlsx.of("real"));
      Files.createSymbolicLink(inbox.resolve(A100), secret);

      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).singleElement().satisfies(r ->
          assertThat(r.error().getMessage()).startsWith("cannot copy " + A100 + " from " + inbox.toAbsolutePath()));
    }
    assertThat(targetFiles()).isEmpty();
  }

  @Test
  void alreadyPresentAppliesTheDownloadsOwnRuleAndChangesNothing() throws IOException {
    report(A100, "one", MTIME);
    report(A400, "four", MTIME);
    try (LocalFolderSource source = new LocalFolderSource(inbox)) {
      List<ListedFile> listing = source.list();
      assertThat(source.alreadyPresent(listing, target)).isEmpty();
      assertThat(target).doesNotExist();

      source.download(listing, target);
      assertThat(source.alreadyPresent(listing, target)).containsExactlyElementsOf(listing);

      // a millisecond off, or the same size but not a zip: a download would fetch it again
      Files.setLastModifiedTime(target.resolve(A100), FileTime.from(MTIME.plusMillis(1)));
      Files.write(target.resolve(A400), new byte[(int) Files.size(target.resolve(A400))]);
      Files.setLastModifiedTime(target.resolve(A400), FileTime.from(MTIME));
      Files.write(target.resolve("left.part"), new byte[1]);

      assertThat(source.alreadyPresent(listing, target)).isEmpty();
      assertThat(targetFiles()).containsExactly(A100, A400, "left.part");
    }
  }
}
