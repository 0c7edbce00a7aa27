package com.example.reports;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.credinvest.DownloadReport;
import org.integratedsync.credinvest.DownloadResult;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.InteFileName;
import org.integratedsync.credinvest.LocalFolderSource;
import org.integratedsync.credinvest.Selection;
import org.integratedsync.credinvest.SelectionRules;
import org.integratedsync.dropbox.FolderMirror;
import org.integratedsync.dropbox.LocalFile;
import org.integratedsync.dropbox.LocalFolderTarget;
import org.integratedsync.dropbox.MirrorReport;
import org.integratedsync.dropbox.MirrorSettings;

/**
 * Copies the current INTE reports of an inbox folder into a folder that a desktop sync client or
 * a network share picks up: credinvest-core selects and copies them, dropbox-uploader makes the
 * synced folder hold exactly them. The application maps between the two libraries, which do not
 * know each other.
 */
public final class ReportMirror {

  private ReportMirror() {}

  /**
   * Selects the current reports in {@code inbox} as of {@code now}, copies them to
   * {@code downloads}, and mirrors them into {@code synced}, where any other report is removed
   * and every file that is not a report is left alone.
   *
   * @return what the mirror did
   */
  public static MirrorReport run(Path inbox, Path downloads, Path synced, LocalDateTime now) {
    // tag::select-and-mirror[]
    List<LocalFile> reports = new ArrayList<>();
    try (FileSource source = new LocalFolderSource(inbox)) {
      Selection selection = SelectionRules.defaults().select(source.list(), now);
      DownloadReport downloaded = source.download(selection.selectedFiles(), downloads);
      for (DownloadResult result : downloaded.results()) {
        if (result.outcome() == DownloadResult.Outcome.FAILED) {
          System.err.println(result.file().name() + ": " + result.error().getMessage());
        } else {
          reports.add(LocalFile.of(result.localPath()));
        }
      }
    }

    MirrorSettings settings = MirrorSettings.defaults()
        // only reports are the mirror's to replace or delete; anything else in the folder stays
        .withManaged(name -> InteFileName.tryParse(name).isPresent())
        // a new report of an account and type replaces the previous one
        .withReplacementKey(name -> InteFileName.tryParse(name)
            .map(report -> report.account() + "/" + report.type())
            .orElse(name));
    FolderMirror mirror = new FolderMirror(new LocalFolderTarget(synced), settings);
    MirrorReport report = mirror.mirror(reports);
    // end::select-and-mirror[]
    return report;
  }

  /**
   * Runs once: {@code java com.example.reports.ReportMirror INBOX DOWNLOADS SYNCED}.
   *
   * @param args the inbox, the downloads folder and the synced folder
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: ReportMirror INBOX DOWNLOADS SYNCED");
      System.exit(2);
    }
    MirrorReport report = run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), LocalDateTime.now());
    System.out.println("uploaded " + report.uploaded() + ", unchanged " + report.unchanged()
        + ", deleted " + report.deleted());
    report.failed().forEach(failed -> System.err.println(failed.name() + " failed: " + failed.error()));
    System.exit(report.succeeded() ? 0 : 1);
  }
}
