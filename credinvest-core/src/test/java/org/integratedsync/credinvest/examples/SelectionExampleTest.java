package org.integratedsync.credinvest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.integratedsync.credinvest.DownloadReport;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.credinvest.LocalFolderSource;
import org.integratedsync.credinvest.Selection;
import org.integratedsync.credinvest.SelectionRules;
import org.integratedsync.credinvest.SkipReason;
import org.integratedsync.credinvest.SkippedFile;
import org.integratedsync.testkit.docs.DocSnippets;
import org.integratedsync.testkit.files.Xlsx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credinvest-core examples quoted in docs/embedding.md; they run as tests so they stay true. */
class SelectionExampleTest {

  @Test
  void selectsTheCurrentFilesOfAListing() {
    Instant mtime = Instant.parse("2025-12-15T16:10:00Z");
    // tag::select[]
    List<ListedFile> listing = List.of(
        new ListedFile("123456-20251215170501-INTE100F.xlsx", 18_000, mtime),
        new ListedFile("123456-20251214170430-INTE100F.xlsx", 17_500, mtime),
        new ListedFile("123456-20251215170502-INTE400F.xlsx", 9_000, mtime),
        new ListedFile("654321-20251210080000-INTE100F.xlsx", 12_000, mtime),
        new ListedFile("notes.txt", 120, mtime));

    Selection selection = SelectionRules.defaults().select(listing, LocalDateTime.now());

    for (SkippedFile skipped : selection.skipped()) {
      System.out.println(skipped.name() + ": " + skipped.reason() + " - " + skipped.detail());
    }
    List<ListedFile> toDownload = selection.selectedFiles();
    // end::select[]

    assertThat(toDownload).extracting(ListedFile::name).containsExactlyInAnyOrder(
        "123456-20251215170501-INTE100F.xlsx", "123456-20251215170502-INTE400F.xlsx");
    assertThat(selection.skipped(SkipReason.SUPERSEDED)).extracting(SkippedFile::name)
        .containsExactly("123456-20251214170430-INTE100F.xlsx");
    assertThat(selection.skipped(SkipReason.STALE)).extracting(SkippedFile::name)
        .containsExactly("654321-20251210080000-INTE100F.xlsx");
    assertThat(selection.skipped(SkipReason.UNRECOGNISED)).extracting(SkippedFile::name)
        .containsExactly("notes.txt");
  }

  @Test
  void copiesTheSelectionFromALocalFolder(@TempDir Path inbox, @TempDir Path downloads) throws Exception {
    Xlsx.write(inbox.resolve("123456-20251215170501-INTE100F.xlsx"), "report");
    Xlsx.write(inbox.resolve("123456-20251212170501-INTE100F.xlsx"), "older report");

    // tag::download[]
    try (FileSource source = new LocalFolderSource(inbox)) {
      Selection selection = SelectionRules.defaults().select(source.list(), LocalDateTime.now());
      DownloadReport report = source.download(selection.selectedFiles(), downloads);
      if (!report.isComplete()) {
        report.failed().forEach(failure -> System.err.println(failure));
      }
    }
    // end::download[]

    try (var files = Files.list(downloads)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("123456-20251215170501-INTE100F.xlsx");
    }
  }

  @Test
  void isQuotedUnchangedInTheEmbeddingDoc() throws Exception {
    String doc = Files.readString(DocSnippets.EMBEDDING_DOC);
    for (String tag : List.of("select", "download")) {
      assertThat(doc).as("docs/embedding.md quotes the region '%s' of this class as it is", tag)
          .contains(DocSnippets.region(getClass(), tag));
    }
  }
}
