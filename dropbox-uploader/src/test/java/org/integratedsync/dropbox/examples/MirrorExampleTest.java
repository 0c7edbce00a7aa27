package org.integratedsync.dropbox.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.integratedsync.dropbox.DropboxCredentials;
import org.integratedsync.dropbox.DropboxFolderTarget;
import org.integratedsync.dropbox.FailedFile;
import org.integratedsync.dropbox.FolderMirror;
import org.integratedsync.dropbox.LocalFile;
import org.integratedsync.dropbox.LocalFolderTarget;
import org.integratedsync.dropbox.MirrorReport;
import org.integratedsync.dropbox.MirrorSettings;
import org.integratedsync.testkit.docs.DocSnippets;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dropbox-uploader examples quoted in docs/embedding.md; they run as tests (against the
 * testkit's fake of the Dropbox HTTP API) so they stay true.
 */
class MirrorExampleTest {

  @Test
  void mirrorsFilesIntoADropboxFolder(@TempDir Path work) throws Exception {
    Path downloads = Files.createDirectories(work.resolve("download"));
    Path report100 = Files.writeString(downloads.resolve("123456-20251215170501-INTE100F.xlsx"), "new");
    Path report400 = Files.writeString(downloads.resolve("123456-20251215170502-INTE400F.xlsx"), "new");
    try (FakeDropbox dropbox = FakeDropbox.start()) {
      dropbox.putFile("/cred/123456-20251212170501-INTE100F.xlsx", "old".getBytes(StandardCharsets.UTF_8));
      Path credentialsFile = dropbox.writeCredentialsFile(work.resolve("dropbox_credentials.json"));
      String baseUrl = dropbox.baseUrl(); // only tests point the client elsewhere

      // tag::dropbox[]
      DropboxCredentials credentials = DropboxCredentials.fromJsonFile(credentialsFile);
      try (DropboxFolderTarget target = DropboxFolderTarget.builder(credentials)
          .folder("/cred")
          .baseUrl(baseUrl)
          .build()) {
        FolderMirror mirror = new FolderMirror(target, MirrorSettings.defaults());
        MirrorReport report = mirror.mirror(List.of(LocalFile.of(report100), LocalFile.of(report400)));
        for (FailedFile failed : report.failed()) {
          System.err.println(failed.name() + " failed after " + failed.attempts() + " attempts: " + failed.error());
        }
        System.out.println("uploaded " + report.uploaded() + ", deleted " + report.deleted());
      }
      // end::dropbox[]

      assertThat(dropbox.fileNames("/cred")).containsExactly(
          "123456-20251215170501-INTE100F.xlsx", "123456-20251215170502-INTE400F.xlsx");
    }
  }

  @Test
  void mirrorsFilesIntoALocalFolder(@TempDir Path downloads, @TempDir Path synced) throws Exception {
    Path report = Files.writeString(downloads.resolve("123456-20251215170501-INTE100F.xlsx"), "new");
    Files.writeString(synced.resolve("123456-20251212170501-INTE100F.xlsx"), "old");

    // tag::local[]
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(synced), MirrorSettings.defaults());
    MirrorReport result = mirror.mirror(List.of(LocalFile.of(report)));
    // end::local[]

    assertThat(result.succeeded()).isTrue();
    assertThat(result.uploaded()).containsExactly("123456-20251215170501-INTE100F.xlsx");
    assertThat(result.deleted()).containsExactly("123456-20251212170501-INTE100F.xlsx");
    try (var files = Files.list(synced)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("123456-20251215170501-INTE100F.xlsx");
    }
  }

  @Test
  void isQuotedUnchangedInTheEmbeddingDoc() throws Exception {
    String doc = Files.readString(DocSnippets.EMBEDDING_DOC);
    for (String tag : List.of("dropbox", "local")) {
      assertThat(doc).as("docs/embedding.md quotes the region '%s' of this class as it is", tag)
          .contains(DocSnippets.region(getClass(), tag));
    }
  }
}
