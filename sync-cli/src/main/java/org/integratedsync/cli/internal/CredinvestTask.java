package org.integratedsync.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.integratedsync.credinvest.DownloadReport;
import org.integratedsync.credinvest.DownloadResult;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.InteFile;
import org.integratedsync.credinvest.InteFileName;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.credinvest.SelectedFile;
import org.integratedsync.credinvest.Selection;
import org.integratedsync.credinvest.SelectionRules;
import org.integratedsync.credinvest.SkippedFile;
import org.integratedsync.dropbox.FailedFile;
import org.integratedsync.dropbox.FolderMirror;
import org.integratedsync.dropbox.KeptFile;
import org.integratedsync.dropbox.LocalFile;
import org.integratedsync.dropbox.MirrorListener;
import org.integratedsync.dropbox.MirrorPlan;
import org.integratedsync.dropbox.MirrorReport;
import org.integratedsync.dropbox.MirrorSettings;
import org.integratedsync.dropbox.MirrorTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task 1: lists the source, applies the selection rules, downloads the selected files and makes
 * the target folder hold exactly them. In a dry run it lists and plans only.
 */
final class CredinvestTask implements SyncTask {
  private static final Logger LOG = LoggerFactory.getLogger(CredinvestTask.class);

  private final SourceConfig source;
  private final MirrorConfig target;
  private final Path downloadDir;
  private final boolean deleteAfterUpload;

  private CredinvestTask(SourceConfig source, MirrorConfig target, Path downloadDir, boolean deleteAfterUpload) {
    this.source = source;
    this.target = target;
    this.downloadDir = downloadDir;
    this.deleteAfterUpload = deleteAfterUpload;
  }

  /**
   * Checks the task's settings.
   *
   * @throws ConfigurationException if one is missing or malformed
   */
  static CredinvestTask create(Settings settings, RunOptions options, SecretMasker masker) {
    String why = "the credinvest task";
    SourceConfig source = SourceConfig.from(settings, why);
    MirrorConfig target = MirrorConfig.from(settings, why, masker);
    Path downloadDir = settings.path(Settings.DOWNLOAD_DIR).orElseThrow();
    if (Files.exists(downloadDir) && !Files.isDirectory(downloadDir)) {
      throw new ConfigurationException(
          Settings.DOWNLOAD_DIR, "--download-dir is not a folder: " + downloadDir);
    }
    target.checkLocalTargetIsSeparate(settings, settings.path(Settings.SOURCE_DIR).orElse(null), downloadDir);
    return new CredinvestTask(source, target, downloadDir, options.deleteAfterUpload());
  }

  @Override
  public String name() {
    return TaskPlan.CREDINVEST;
  }

  @Override
  public void run(TaskContext context) throws Exception {
    Selection selection;
    try (FileSource files = source.open()) {
      LOG.info("listing {}", files.description());
      List<ListedFile> listing = files.list();
      selection = SelectionRules.defaults().select(listing, LocalDateTime.now(context.clock()));
      context.count("listed", listing.size());
      context.count("selected", selection.selected().size());
      context.count("skipped", selection.skipped().size());
      report(selection);
      if (context.dryRun()) {
        dryRun(files, selection, context);
        return;
      }
      List<LocalFile> local = download(files, selection, context);
      try {
        mirror(selection, local, context);
      } catch (RuntimeException e) {
        if (!(e instanceof CliException)) {
          // the whole mirror step failed (refused token, unreachable host): no selected file is
          // known to have landed, so every one is named in the failed accounts
          failEverySelected(selection, context, "not uploaded: " + CommandSupport.oneLine(e));
        }
        throw e;
      }
    }
  }

  private static void failEverySelected(Selection selection, TaskContext context, String error) {
    for (SelectedFile file : selection.selected()) {
      InteFile parsed = InteFileName.tryParse(file.listed().name()).orElse(null);
      if (parsed != null) {
        context.failedUnlessRecorded(parsed.account(), parsed.type().name(), error);
      }
    }
  }

  private static void report(Selection selection) {
    for (SelectedFile file : selection.selected()) {
      LOG.debug("  selected {}", file.listed().name());
    }
    for (SkippedFile file : selection.skipped()) {
      LOG.debug("  skipped  {}: {} - {}", file.name(), file.reason(), file.detail());
    }
    String reasons =
        selection.skipped().stream()
            .collect(Collectors.groupingBy(f -> f.reason().name().toLowerCase(java.util.Locale.ROOT),
                java.util.TreeMap::new, Collectors.counting()))
            .entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
    LOG.info(
        "selected {} of {} file(s){}",
        selection.selected().size(),
        selection.selected().size() + selection.skipped().size(),
        reasons.isEmpty() ? "" : "; skipped " + reasons);
    // entries named like reports that cannot be one: worth a look at the custodian's folder
    List<SkippedFile> guarded = selection.skipped().stream()
        .filter(f -> f.reason().isGuard())
        .toList();
    if (!guarded.isEmpty()) {
      LOG.warn("set aside {} file(s) named like reports: {}", guarded.size(),
          guarded.stream().map(f -> f.name() + " (" + f.reason() + ": " + f.detail() + ")")
              .collect(Collectors.joining("; ")));
    }
  }

  private List<LocalFile> download(FileSource files, Selection selection, TaskContext context) {
    List<ListedFile> wanted = selection.selectedFiles();
    AtomicInteger done = new AtomicInteger();
    context.progress().start("downloading", wanted.size());
    DownloadReport report =
        files.download(
            wanted,
            downloadDir,
            result -> context.progress().update("downloading", done.incrementAndGet(), wanted.size()));
    context.progress().finish();
    context.count("downloaded", report.downloaded().size());
    context.count("alreadyPresent", report.alreadyPresent().size());
    List<LocalFile> local = new ArrayList<>();
    for (DownloadResult result : report.results()) {
      if (result.outcome() == DownloadResult.Outcome.FAILED) {
        String error = result.failure().map(CommandSupport::oneLine).orElse("download failed");
        LOG.error("download of {} failed: {}", result.file().name(), error);
        fail(context, result.file().name(), "download failed: " + error);
      } else {
        local.add(new LocalFile(result.file().name(), result.localPath()));
      }
    }
    LOG.debug(
        "downloaded {} file(s) into {} ({} already present, {} failed)",
        report.downloaded().size(), downloadDir, report.alreadyPresent().size(), report.failed().size());
    return local;
  }

  private void mirror(Selection selection, List<LocalFile> local, TaskContext context) {
    // the accounts and types expected this run whose file is not here: their download failed or was
    // not a complete xlsx; the target keeps their previous report
    Set<String> here = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    local.forEach(f -> here.add(f.name()));
    Map<String, String> notLanded = new TreeMap<>();
    for (SelectedFile file : selection.selected()) {
      if (!here.contains(file.listed().name())) {
        notLanded.put(replacementKey(file.listed().name()), "the download of " + file.listed().name() + " failed");
      }
    }
    MirrorSettings settings = mirrorSettings().withDeleteLocalAfterUpload(deleteAfterUpload);
    try (MirrorTarget opened = target.open()) {
      LOG.info("mirroring {} file(s) into {}", local.size(), opened.describe());
      MirrorReport report;
      try {
        report = new FolderMirror(opened, settings.withListener(new UploadProgress(context.progress())))
            .mirror(local, notLanded);
      } finally {
        context.progress().finish();
      }
      context.count("uploaded", report.uploaded().size());
      context.count("unchanged", report.unchanged().size());
      context.count("deleted", report.deleted().size());
      context.count("failed", report.failed().size() + notLanded.size());
      context.count("keptAsFallback", report.keptAsFallback().size());
      context.count("foreign", report.foreign().size());
      if (deleteAfterUpload) {
        context.count("localDeleted", report.localFilesDeleted().size());
      }
      report.uploaded().forEach(name -> LOG.info("  uploaded {}", name));
      report.deleted().forEach(name -> LOG.info("  deleted  {}", name));
      for (FailedFile failed : report.failed()) {
        LOG.error("upload of {} failed after {} attempt(s): {}", failed.name(), failed.attempts(), failed.error());
        fail(context, failed.name(), failed.error());
      }
      for (KeptFile kept : report.keptAsFallback()) {
        LOG.warn("  kept     {} as the last report of {} ({})", kept.name(), kept.key(), kept.reason());
      }
      report.deletionSkipped().ifPresent(why -> LOG.warn("stale files kept in the target: {}", why));
      LOG.info(
          "{}: {} uploaded, {} unchanged, {} deleted, {} failed, {} kept as fallback, {} foreign left alone",
          report.target(), report.uploaded().size(), report.unchanged().size(),
          report.deleted().size(), report.failed().size(), report.keptAsFallback().size(), report.foreign().size());
      if (!report.failedDeletions().isEmpty()) {
        throw new CliException(
            "could not delete "
                + report.failedDeletions().size()
                + " stale file(s) from "
                + report.target()
                + ": "
                + report.failedDeletions().stream().map(FailedFile::name).collect(Collectors.joining(", ")));
      }
    }
  }

  /**
   * The mirror's INTE-specific parts: only names that parse as INTE reports are managed (anything
   * else in the target is never deleted or overwritten), and reports of the same account and type
   * replace each other.
   */
  private MirrorSettings mirrorSettings() {
    MirrorSettings settings = MirrorSettings.defaults()
        .withManaged(name -> InteFileName.tryParse(name).isPresent())
        .withReplacementKey(CredinvestTask::replacementKey);
    return target.retry() == null ? settings : settings.withRetry(target.retry());
  }

  /** Returns "account type" of an INTE report name, such as {@code 123456 INTE100F}. */
  static String replacementKey(String name) {
    InteFile file = InteFileName.tryParse(name)
        .orElseThrow(() -> new IllegalArgumentException("not an INTE report name: " + name));
    return file.account() + " " + file.type().name();
  }

  private void dryRun(FileSource files, Selection selection, TaskContext context) throws IOException {
    List<LocalFile> present = new ArrayList<>();
    List<String> toDownload = new ArrayList<>();
    // the library's own rule, the one a download applies (size, time to the ms, complete xlsx)
    Set<ListedFile> alreadyPresent =
        new java.util.HashSet<>(files.alreadyPresent(selection.selectedFiles(), downloadDir));
    for (ListedFile file : selection.selectedFiles()) {
      if (alreadyPresent.contains(file)) {
        present.add(new LocalFile(file.name(), downloadDir.resolve(file.name())));
      } else {
        toDownload.add(file.name());
      }
    }
    toDownload.forEach(name -> LOG.info("  would download {}", name));
    context.count("wouldDownload", toDownload.size());

    List<String> upload = new ArrayList<>(toDownload);
    List<String> unchanged = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    List<String> foreign;
    try (MirrorTarget opened = target.open()) {
      // plan() lists the target and changes nothing, not even a missing folder or leftover temporary files
      // files not downloaded yet are named as keys without a local file: the plan keeps their
      // previous reports, which the run would replace once they are downloaded, so those count as deletions
      Map<String, String> notYetDownloaded = new TreeMap<>();
      toDownload.forEach(name -> notYetDownloaded.put(replacementKey(name), "not downloaded yet"));
      MirrorPlan plan = new FolderMirror(opened, mirrorSettings()).plan(present, notYetDownloaded);
      plan.upload().forEach(f -> upload.add(f.name()));
      plan.unchanged().forEach(f -> unchanged.add(f.name()));
      Set<String> selected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      selection.selected().forEach(f -> selected.add(f.listed().name()));
      // a selected file not downloaded yet would replace its namesake, not be deleted
      plan.delete().stream().filter(n -> !selected.contains(n)).forEach(delete::add);
      plan.kept().stream().map(KeptFile::name).filter(n -> !selected.contains(n)).forEach(delete::add);
      delete.sort(null);
      foreign = plan.foreign();
    }
    upload.sort(null);
    upload.forEach(name -> LOG.info("  would upload {}", name));
    delete.forEach(name -> LOG.info("  would delete {}", name));
    context.count("wouldUpload", upload.size());
    context.count("unchanged", unchanged.size());
    context.count("wouldDelete", delete.size());
    context.count("foreign", foreign.size());
    context.message(
        "dry run: would download " + toDownload.size() + ", upload " + upload.size() + ", delete " + delete.size()
            + " in " + target.describe());
  }

  private static void fail(TaskContext context, String name, String error) {
    InteFile file = InteFileName.tryParse(name).orElse(null);
    if (file == null) {
      context.failed(name, "", error);
    } else {
      context.failed(file.account(), file.type().name(), error);
    }
  }

  /** Shows the mirror's verified uploads on the task's progress line. */
  private static final class UploadProgress implements MirrorListener {
    private final Progress progress;
    private int total;
    private int done;

    UploadProgress(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void planned(MirrorPlan plan) {
      total = plan.upload().size();
      done = 0;
      if (total > 0) {
        progress.start("uploading", total);
      }
    }

    @Override
    public void uploaded(String name, long bytes) {
      progress.update("uploading", ++done, total);
    }
  }
}
