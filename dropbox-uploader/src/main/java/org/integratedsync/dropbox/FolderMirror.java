package org.integratedsync.dropbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a target folder hold exactly a selection of local files, with as few writes as possible
 * and without ever leaving the folder empty or half-filled.
 *
 * <p>A run lists the target, uploads only new files and files whose content hash differs, verifies
 * each committed file's content hash, and only then deletes the target files that are not in the
 * selection. Stale files are deleted only when every upload succeeded, so a file that could not be
 * replaced keeps its previous version, and never because of an empty selection (which usually
 * means the source failed), so the folder is never emptied. Files that failed are tried again in retry passes (see
 * {@link RetrySettings}); a pass never touches a file before the {@code Retry-After} the target
 * asked for has elapsed.
 *
 * <p>Names are compared without regard to case, as Dropbox does. Instances are immutable and
 * thread-safe, but a target must not be mirrored by two runs at once.
 */
public final class FolderMirror {

  private static final Logger LOG = LoggerFactory.getLogger(FolderMirror.class);

  private final MirrorTarget target;
  private final MirrorSettings settings;

  /**
   * Creates a mirror.
   *
   * @param target the folder to keep in step
   * @param settings batch size, retries, local deletion
   */
  public FolderMirror(MirrorTarget target, MirrorSettings settings) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Decides what {@link #mirror(List)} would do, changing nothing anywhere (a missing target
   * folder is not created).
   *
   * @param files the selection, with names distinct regardless of case
   * @return the plan
   * @throws IllegalArgumentException if two files have the same name
   * @throws UncheckedIOException if a local file cannot be read
   * @throws DropboxSyncException if the target cannot be listed
   */
  public MirrorPlan plan(List<LocalFile> files) {
    Map<String, LocalFile> selection = index(files);
    Map<String, String> hashes = new HashMap<>();
    for (var entry : selection.entrySet()) {
      hashes.put(entry.getKey(), ContentHash.of(entry.getValue().path()));
    }
    return plan(selection, hashes, listWithPasses(false));
  }

  /**
   * Mirrors the selection into the target and reports what happened. Authentication and folder
   * errors end the run with an exception before anything is deleted; failures of single files are
   * reported in {@link MirrorReport#failed()}.
   *
   * @param files the selection, with names distinct regardless of case
   * @return the report
   * @throws IllegalArgumentException if two files have the same name
   * @throws DropboxAuthenticationException if the credentials are refused
   * @throws FolderAccessException if the folder cannot be listed or created
   * @throws TransferException if the folder could not be listed after every attempt
   */
  public MirrorReport mirror(List<LocalFile> files) {
    Map<String, LocalFile> selection = index(files);
    Map<String, String> hashes = new HashMap<>();
    List<FailedFile> failed = new ArrayList<>();
    for (var entry : selection.entrySet()) {
      try {
        hashes.put(entry.getKey(), ContentHash.of(entry.getValue().path()));
      } catch (UncheckedIOException e) {
        failed.add(new FailedFile(entry.getValue().name(), "cannot read local file: " + e.getCause(), 0));
      }
    }
    List<RemoteFile> remote = listWithPasses(true);
    Map<String, LocalFile> readable = new LinkedHashMap<>(selection);
    readable.keySet().retainAll(hashes.keySet());
    MirrorPlan plan = plan(readable, hashes, remote);
    // a selected file that could not be read must not lose its remote copy
    List<String> toDelete = plan.delete().stream().filter(name -> !selection.containsKey(key(name))).toList();
    LOG.info("{}: {} to upload, {} unchanged, {} stale", target.describe(), plan.upload().size(),
        plan.unchanged().size(), toDelete.size());
    settings.listener().planned(new MirrorPlan(plan.upload(), plan.unchanged(), toDelete));

    List<String> uploaded = new ArrayList<>();
    long bytes = uploadWithPasses(plan.upload(), hashes, uploaded, failed);

    List<String> deleted = new ArrayList<>();
    List<FailedFile> failedDeletions = new ArrayList<>();
    String skipped = null;
    if (!toDelete.isEmpty()) {
      if (selection.isEmpty()) {
        // an empty selection usually means the source failed; never empty the folder because of it
        skipped = "the selection is empty; " + toDelete.size() + " file(s) kept rather than emptying the folder";
        LOG.warn("{}: {}", target.describe(), skipped);
      } else if (failed.isEmpty()) {
        deleteWithPasses(toDelete, deleted, failedDeletions);
      } else {
        skipped = failed.size() + " file(s) failed to upload; " + toDelete.size()
            + " stale file(s) kept so that no earlier version is lost";
        LOG.warn("{}: {}", target.describe(), skipped);
      }
    }

    List<String> localDeleted = new ArrayList<>();
    if (settings.deleteLocalAfterUpload()) {
      List<String> verified = new ArrayList<>(uploaded);
      plan.unchanged().forEach(file -> verified.add(file.name()));
      for (String name : verified) {
        LocalFile file = selection.get(key(name));
        try {
          Files.deleteIfExists(file.path());
          localDeleted.add(name);
        } catch (IOException e) {
          LOG.warn("Could not delete local file {} after upload: {}", file.path(), e.toString());
        }
      }
    }
    failed.sort(Comparator.comparing(FailedFile::name));
    failedDeletions.sort(Comparator.comparing(FailedFile::name));
    return new MirrorReport(target.describe(), sorted(uploaded), names(plan.unchanged()), sorted(deleted),
        failed, failedDeletions, skipped, sorted(localDeleted), bytes);
  }

  private static Map<String, LocalFile> index(List<LocalFile> files) {
    Map<String, LocalFile> byKey = new TreeMap<>();
    for (LocalFile file : files) {
      LocalFile previous = byKey.put(key(file.name()), file);
      if (previous != null) {
        throw new IllegalArgumentException("Two selected files map to the same target name (names are compared "
            + "without regard to case): " + previous.name() + " and " + file.name());
      }
    }
    return byKey;
  }

  private static MirrorPlan plan(Map<String, LocalFile> selection, Map<String, String> hashes, List<RemoteFile> remote) {
    Map<String, RemoteFile> remoteByKey = new HashMap<>();
    remote.forEach(file -> remoteByKey.put(key(file.name()), file));
    List<LocalFile> upload = new ArrayList<>();
    List<LocalFile> unchanged = new ArrayList<>();
    for (var entry : selection.entrySet()) {
      RemoteFile existing = remoteByKey.get(entry.getKey());
      if (existing != null && existing.contentHash().equalsIgnoreCase(hashes.get(entry.getKey()))) {
        unchanged.add(entry.getValue());
      } else {
        upload.add(entry.getValue());
      }
    }
    List<String> delete = remote.stream().map(RemoteFile::name).filter(name -> !selection.containsKey(key(name)))
        .sorted().toList();
    return new MirrorPlan(upload, unchanged, delete);
  }

  private List<RemoteFile> listWithPasses(boolean createIfMissing) {
    RetrySettings retry = settings.retry();
    TransferException last = null;
    for (int pass = 0; pass <= retry.retryPasses(); pass++) {
      if (last != null) {
        sleep(waitBefore(pass, last.retryAfter().map(d -> retry.clock().instant().plus(d)).orElse(null)));
      }
      try {
        return target.list(createIfMissing);
      } catch (TransferException e) {
        if (!e.retryable()) {
          throw e;
        }
        last = e;
        LOG.warn("Listing {} failed (pass {}): {}", target.describe(), pass + 1, e.getMessage());
      }
    }
    throw last;
  }

  /** Mutable per-file state across passes. */
  private static final class Pending<T> {
    final T item;
    int attempts;
    String lastError;
    Instant notBefore;

    Pending(T item) {
      this.item = item;
    }
  }

  private long uploadWithPasses(List<LocalFile> files, Map<String, String> hashes, List<String> uploaded,
      List<FailedFile> failed) {
    Map<String, Pending<LocalFile>> pending = new LinkedHashMap<>();
    files.forEach(file -> pending.put(key(file.name()), new Pending<>(file)));
    long[] bytes = {0};
    runPasses(pending, target::upload, LocalFile::name, (file, result) -> {
      String expected = hashes.get(key(file.name()));
      if (!expected.equalsIgnoreCase(String.valueOf(result.contentHash()))) {
        return "content hash after upload is " + result.contentHash() + ", expected " + expected;
      }
      uploaded.add(file.name());
      long size = 0;
      try {
        size = Files.size(file.path());
      } catch (IOException e) {
        LOG.debug("Cannot read size of {}", file.path(), e);
      }
      bytes[0] += size;
      LOG.debug("{}: uploaded {} ({} bytes)", target.describe(), file.name(), size);
      settings.listener().uploaded(file.name(), size);
      return null;
    }, failed, "upload");
    return bytes[0];
  }

  private void deleteWithPasses(List<String> names, List<String> deleted, List<FailedFile> failed) {
    Map<String, Pending<String>> pending = new LinkedHashMap<>();
    names.forEach(name -> pending.put(key(name), new Pending<>(name)));
    runPasses(pending, target::delete, Function.identity(), (name, result) -> {
      deleted.add(name);
      LOG.debug("{}: deleted {}", target.describe(), name);
      settings.listener().deleted(name);
      return null;
    }, failed, "delete");
  }

  /** Checks a successful entry; returns an error message when the entry must count as failed. */
  private interface Verifier<T> {
    String verify(T item, EntryResult result);
  }

  private <T> void runPasses(Map<String, Pending<T>> pending, Function<List<T>, List<EntryResult>> call,
      Function<T, String> nameOf, Verifier<T> verifier, List<FailedFile> failed, String what) {
    RetrySettings retry = settings.retry();
    for (int pass = 0; pass <= retry.retryPasses() && !pending.isEmpty(); pass++) {
      if (pass > 0) {
        Instant notBefore = pending.values().stream().map(p -> p.notBefore).filter(Objects::nonNull)
            .max(Comparator.naturalOrder()).orElse(null);
        sleep(waitBefore(pass, notBefore));
        LOG.info("{}: retry pass {} of {} for {} file(s) to {}", target.describe(), pass, retry.retryPasses(),
            pending.size(), what);
        settings.listener().retrying(pass, pending.size());
      }
      List<Pending<T>> round = new ArrayList<>(pending.values());
      for (int from = 0; from < round.size(); from += settings.batchSize()) {
        List<Pending<T>> batch = round.subList(from, Math.min(round.size(), from + settings.batchSize()));
        List<T> items = batch.stream().map(p -> p.item).toList();
        batch.forEach(p -> p.attempts++);
        List<EntryResult> results;
        try {
          results = call.apply(items);
        } catch (TransferException e) {
          Instant notBefore = e.retryAfter().map(d -> retry.clock().instant().plus(d)).orElse(null);
          for (Pending<T> p : batch) {
            p.lastError = e.getMessage();
            p.notBefore = notBefore;
            if (!e.retryable()) {
              pending.remove(key(nameOf.apply(p.item)));
              failed.add(new FailedFile(nameOf.apply(p.item), p.lastError, p.attempts));
            }
          }
          continue;
        }
        Map<String, EntryResult> byKey = new HashMap<>();
        results.forEach(r -> byKey.put(key(r.name()), r));
        for (Pending<T> p : batch) {
          String name = nameOf.apply(p.item);
          EntryResult result = byKey.get(key(name));
          if (result == null) {
            p.lastError = "the target reported no result for this file";
            continue;
          }
          String error = result.succeeded() ? verifier.verify(p.item, result) : result.error();
          if (error == null) {
            pending.remove(key(name));
            continue;
          }
          p.lastError = error;
          p.notBefore = result.retryAfterWait().map(d -> retry.clock().instant().plus(d)).orElse(null);
          if (!result.succeeded() && !result.retryable()) {
            pending.remove(key(name));
            failed.add(new FailedFile(name, error, p.attempts));
          } else {
            LOG.debug("{} of {} failed (attempt {}): {}", what, name, p.attempts, error);
          }
        }
      }
    }
    for (Pending<T> p : pending.values()) {
      failed.add(new FailedFile(nameOf.apply(p.item), p.lastError, p.attempts));
      LOG.warn("{}: {} of {} failed after {} attempt(s): {}", target.describe(), what, nameOf.apply(p.item),
          p.attempts, p.lastError);
    }
  }

  /** The wait before retry pass {@code pass}: its backoff, but never before {@code notBefore}. */
  private Duration waitBefore(int pass, Instant notBefore) {
    RetrySettings retry = settings.retry();
    Duration backoff = retry.passBackoff(pass);
    if (notBefore != null) {
      Duration untilAllowed = Duration.between(retry.clock().instant(), notBefore);
      if (untilAllowed.compareTo(backoff) > 0) {
        return untilAllowed;
      }
    }
    return backoff;
  }

  private void sleep(Duration duration) {
    try {
      settings.retry().sleeper().sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DropboxSyncException("Interrupted while waiting to retry", e);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static List<String> names(List<LocalFile> files) {
    return files.stream().map(LocalFile::name).sorted().toList();
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }
}
