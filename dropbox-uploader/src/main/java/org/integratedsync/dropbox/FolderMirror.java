package org.integratedsync.dropbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import org.integratedsync.dropbox.internal.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a target folder hold exactly a selection of local files, with as few writes as possible
 * and without ever leaving the folder empty or half-filled.
 *
 * <p>A run lists the target, uploads only new files and files whose content hash differs, verifies
 * each committed file's content hash, and only then deletes the managed target files that are not
 * in the selection. Safety rules win over "exactly the selection":
 * <ul>
 *   <li>Only names {@link MirrorSettings#managed()} accepts are ever deleted or overwritten; every
 *       other entry (and every entry the target cannot read or address) is <em>foreign</em>: left
 *       alone and reported.
 *   <li>Files with the same {@link MirrorSettings#replacementKey() replacement key} replace each
 *       other. A stale file is kept only while it is the last copy of a key whose new file did not
 *       land this run (named by the caller as not landed, unreadable, colliding, or failed to
 *       upload); of several copies the one whose name sorts last (without regard to case) is kept.
 *       Every other stale file is deleted after the last commit, even when some uploads failed.
 *   <li>An empty selection with nothing reported missing (usually a failed source) deletes nothing.
 *   <li>Two selected files whose names differ only in case fail both, and nothing else.
 * </ul>
 *
 * <p>Failures are retried as {@link RetrySettings} says: other failures in up to {@link
 * RetrySettings#retryPasses()} further passes; rate limits without using up a pass, after exactly
 * the wait the target asked for, until the upload deadline. No file is touched before a {@code
 * Retry-After} the target asked for has elapsed.
 *
 * <p>Names are compared without regard to case, as Dropbox does. Instances are immutable and
 * thread-safe, but a target must not be mirrored by two runs at once.
 */
public final class FolderMirror {

  private static final Logger LOG = LoggerFactory.getLogger(FolderMirror.class);

  private final MirrorTarget target;
  private final MirrorSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Creates a mirror.
   *
   * @param target the folder to keep in step
   * @param settings batch size, retries, managed names, replacement keys, local deletion
   */
  public FolderMirror(MirrorTarget target, MirrorSettings settings) {
    this(target, settings, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * Creates a mirror with its own time source and way of waiting: the seam for tests, which run
   * retries and deadlines in virtual time.
   */
  FolderMirror(MirrorTarget target, MirrorSettings settings, Clock clock, Sleeper sleeper) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Decides what {@link #mirror(List)} would do, changing nothing anywhere (a missing target
   * folder is not created, leftovers are not cleaned up).
   *
   * @param files the selection
   * @return the plan
   * @throws UncheckedIOException if a local file cannot be read
   * @throws MirrorException if the target cannot be listed
   */
  public MirrorPlan plan(List<LocalFile> files) {
    return plan(files, Map.of());
  }

  /**
   * Decides what {@link #mirror(List, Map)} would do, changing nothing anywhere.
   *
   * @param files the selection
   * @param notLanded replacement keys expected this run that have no local file, each with why
   * @return the plan
   * @throws UncheckedIOException if a local file cannot be read
   * @throws MirrorException if the target cannot be listed
   */
  public MirrorPlan plan(List<LocalFile> files, Map<String, String> notLanded) {
    Map<String, String> missing = new TreeMap<>(notLanded);
    Map<String, LocalFile> selection = index(files, new ArrayList<>(), missing);
    Map<String, String> hashes = new HashMap<>();
    for (var entry : selection.entrySet()) {
      hashes.put(entry.getKey(), ContentHash.of(entry.getValue().path()));
    }
    Listing listing = split(listWithPasses(false));
    return decide(selection, hashes, listing, missing, !files.isEmpty() || !notLanded.isEmpty());
  }

  /**
   * Mirrors the selection into the target, with nothing reported missing.
   *
   * @param files the selection
   * @return the report
   * @see #mirror(List, Map)
   */
  public MirrorReport mirror(List<LocalFile> files) {
    return mirror(files, Map.of());
  }

  /**
   * Mirrors the selection into the target and reports what happened. Authentication and folder
   * errors end the run with an exception before anything is deleted; failures of single files are
   * reported in {@link MirrorReport#failed()}.
   *
   * @param files the selection; names that differ only in case fail both
   * @param notLanded replacement keys (see {@link MirrorSettings#replacementKey()}) of files
   *     expected this run that have no local file (their download failed, for example), each with
   *     why: the last copy of such a key is kept in the target
   * @return the report
   * @throws DropboxAuthenticationException if the credentials are refused
   * @throws FolderAccessException if the folder cannot be listed or created
   * @throws TransferException if the folder could not be listed after every attempt
   */
  public MirrorReport mirror(List<LocalFile> files, Map<String, String> notLanded) {
    Map<String, String> missing = new TreeMap<>(notLanded);
    List<FailedFile> failed = new ArrayList<>();
    Map<String, LocalFile> selection = index(files, failed, missing);
    Map<String, String> hashes = new HashMap<>();
    for (var it = selection.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      try {
        hashes.put(entry.getKey(), ContentHash.of(entry.getValue().path()));
      } catch (UncheckedIOException e) {
        String error = "cannot read local file: " + e.getCause();
        failed.add(new FailedFile(entry.getValue().name(), error, 0));
        missing.putIfAbsent(keyOf(entry.getValue().name()), error);
        it.remove();
      }
    }
    Listing listing = split(listWithPasses(true));
    boolean mayDelete = !files.isEmpty() || !notLanded.isEmpty();
    MirrorPlan plan = decide(selection, hashes, listing, missing, mayDelete);
    LOG.info("{}: {} to upload, {} unchanged, {} stale", target.describe(), plan.upload().size(),
        plan.unchanged().size(), plan.delete().size() + plan.kept().size());
    if (!listing.foreign.isEmpty()) {
      LOG.info("{}: {} foreign file(s) left alone: {}", target.describe(), listing.foreign.size(),
          abbreviate(listing.foreign));
    }
    settings.listener().planned(plan);

    List<String> uploaded = new ArrayList<>();
    List<FailedFile> uploadFailures = new ArrayList<>();
    long bytes = uploadWithPasses(plan.upload(), hashes, uploaded, uploadFailures);
    for (FailedFile failure : uploadFailures) {
      missing.putIfAbsent(keyOf(failure.name()), "upload failed: " + failure.error());
      // the selected name is not in the target with today's content: it must not protect an old copy
      selection.remove(lower(failure.name()));
    }
    failed.addAll(uploadFailures);

    // decide again: keys whose upload failed now keep their last copy
    MirrorPlan after = decide(selection, hashes, listing, missing, mayDelete);
    List<String> deleted = new ArrayList<>();
    List<FailedFile> failedDeletions = new ArrayList<>();
    String skipped = null;
    if (!mayDelete && !listing.managed.isEmpty()) {
      long stale = listing.managed.values().stream().filter(f -> !selection.containsKey(lower(f.name()))).count();
      if (stale > 0) {
        // an empty selection usually means the source failed; never empty the folder because of it
        skipped = "the selection is empty; " + stale + " file(s) kept rather than emptying the folder";
        LOG.warn("{}: {}", target.describe(), skipped);
      }
    }
    for (KeptFile kept : after.kept()) {
      LOG.warn("{}: kept {} as the last copy of {}: {}", target.describe(), kept.name(), kept.key(), kept.reason());
    }
    if (!after.delete().isEmpty()) {
      deleteWithPasses(after.delete(), deleted, failedDeletions);
    }

    List<String> localDeleted = new ArrayList<>();
    if (settings.deleteLocalAfterUpload()) {
      List<String> verified = new ArrayList<>(uploaded);
      plan.unchanged().forEach(file -> verified.add(file.name()));
      for (String name : verified) {
        LocalFile file = selection.get(lower(name));
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
        failed, failedDeletions, skipped, sorted(localDeleted), bytes, after.kept(), listing.foreignNames());
  }

  /**
   * Indexes the selection by name without regard to case. Names that collide fail (both) and
   * names the mirror does not manage fail; their keys count as not landed.
   */
  private Map<String, LocalFile> index(List<LocalFile> files, List<FailedFile> failed, Map<String, String> missing) {
    Map<String, List<LocalFile>> byName = new TreeMap<>();
    for (LocalFile file : files) {
      byName.computeIfAbsent(lower(file.name()), k -> new ArrayList<>()).add(file);
    }
    Map<String, LocalFile> selection = new TreeMap<>();
    for (var entry : byName.entrySet()) {
      List<LocalFile> same = entry.getValue();
      if (same.size() > 1) {
        for (LocalFile file : same) {
          String others = same.stream().filter(f -> f != file).map(LocalFile::name).toList().toString();
          String error = "another selected file has the same name without regard to case (" + others.substring(1,
              others.length() - 1) + "); the target cannot hold both";
          failed.add(new FailedFile(file.name(), error, 0));
          if (settings.managed().test(file.name())) {
            missing.putIfAbsent(keyOf(file.name()), error);
          }
        }
        LOG.error("{}: selected files differ only in case, none of them uploaded: {}", target.describe(),
            same.stream().map(LocalFile::name).toList());
        continue;
      }
      LocalFile file = same.get(0);
      if (!settings.managed().test(file.name())) {
        failed.add(new FailedFile(file.name(), "not a name this mirror manages; it never writes such names", 0));
        continue;
      }
      selection.put(entry.getKey(), file);
    }
    return selection;
  }

  /** A listing split into the files the mirror manages and the entries it leaves alone. */
  private final class Listing {
    final Map<String, RemoteFile> managed = new TreeMap<>();
    final List<String> foreign = new ArrayList<>();

    List<String> foreignNames() {
      return foreign.stream().sorted().toList();
    }
  }

  private Listing split(List<RemoteFile> remote) {
    Listing listing = new Listing();
    for (RemoteFile file : remote) {
      if (file.unusableReason().isPresent()) {
        LOG.warn("{}: left alone {}: {}", target.describe(), file.name(), file.unusable());
        listing.foreign.add(file.name());
      } else if (!settings.managed().test(file.name())) {
        listing.foreign.add(file.name());
      } else {
        listing.managed.put(lower(file.name()), file);
      }
    }
    return listing;
  }

  /**
   * Decides uploads and stale files. A stale file (managed, not in the selection) is kept when it
   * is the last copy of a key in {@code missing}, deleted otherwise.
   */
  private MirrorPlan decide(Map<String, LocalFile> selection, Map<String, String> hashes, Listing listing,
      Map<String, String> missing, boolean mayDelete) {
    List<LocalFile> upload = new ArrayList<>();
    List<LocalFile> unchanged = new ArrayList<>();
    for (var entry : selection.entrySet()) {
      RemoteFile existing = listing.managed.get(entry.getKey());
      if (existing != null && existing.contentHash().equalsIgnoreCase(hashes.get(entry.getKey()))) {
        unchanged.add(entry.getValue());
      } else {
        upload.add(entry.getValue());
      }
    }
    // the copy of each missing key that stays: the one whose name sorts last
    Map<String, String> survivor = new HashMap<>();
    for (RemoteFile file : listing.managed.values()) {
      String key = keyOf(file.name());
      if (missing.containsKey(key)) {
        survivor.merge(key, lower(file.name()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
    }
    List<String> delete = new ArrayList<>();
    List<KeptFile> kept = new ArrayList<>();
    for (var entry : listing.managed.entrySet()) {
      if (selection.containsKey(entry.getKey())) {
        continue;
      }
      String name = entry.getValue().name();
      String key = keyOf(name);
      if (entry.getKey().equals(survivor.get(key))) {
        kept.add(new KeptFile(name, key, missing.get(key)));
      } else if (mayDelete) {
        delete.add(name);
      }
    }
    delete.sort(null);
    kept.sort(Comparator.comparing(KeptFile::name));
    return new MirrorPlan(upload, unchanged, delete, kept, listing.foreignNames());
  }

  private String keyOf(String name) {
    return Objects.requireNonNull(settings.replacementKey().apply(name), "replacement key of " + name);
  }

  private List<RemoteFile> listWithPasses(boolean createIfMissing) {
    RetrySettings retry = settings.retry();
    TransferException last = null;
    for (int pass = 0; pass <= retry.retryPasses(); pass++) {
      if (last != null) {
        sleep(waitBefore(pass, last.retryAfter().map(d -> clock.instant().plus(d)).orElse(null)));
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

  /** Mutable per-file state across rounds. */
  private static final class Pending<T> {
    final T item;
    /** Calls that tried the item. */
    int attempts;
    /** Failures that count toward the retry passes (not rate limits). */
    int failures;
    boolean lastCounted;
    String lastError;
    Instant notBefore;

    Pending(T item) {
      this.item = item;
    }
  }

  private long uploadWithPasses(List<LocalFile> files, Map<String, String> hashes, List<String> uploaded,
      List<FailedFile> failed) {
    Map<String, Pending<LocalFile>> pending = new LinkedHashMap<>();
    files.forEach(file -> pending.put(lower(file.name()), new Pending<>(file)));
    long[] bytes = {0};
    runRounds(pending, target::upload, LocalFile::name, (file, result) -> {
      String expected = hashes.get(lower(file.name()));
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
    names.forEach(name -> pending.put(lower(name), new Pending<>(name)));
    runRounds(pending, target::delete, Function.identity(), (name, result) -> {
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

  /**
   * Calls the target in batches until every item is done or has failed for good: other failures
   * get up to {@code retryPasses} more tries, rate limits are tried again after their wait until
   * the deadline ({@code uploadDeadline} from the first call).
   */
  private <T> void runRounds(Map<String, Pending<T>> pending, BiFunction<List<T>, Instant, List<EntryResult>> call,
      Function<T, String> nameOf, Verifier<T> verifier, List<FailedFile> failed, String what) {
    RetrySettings retry = settings.retry();
    Instant deadline = clock.instant().plus(retry.uploadDeadline());
    int announcedPass = 0;
    for (boolean first = true; !pending.isEmpty(); first = false) {
      if (!first) {
        Instant now = clock.instant();
        Instant notBefore = pending.values().stream().map(p -> p.notBefore).filter(Objects::nonNull)
            .max(Comparator.naturalOrder()).orElse(null);
        int pass = pending.values().stream().filter(p -> p.lastCounted).mapToInt(p -> p.failures).max().orElse(0);
        Duration wait = pass > 0 ? waitBefore(pass, notBefore)
            : notBefore == null || !notBefore.isAfter(now) ? Duration.ZERO : Duration.between(now, notBefore);
        if (now.plus(wait).isAfter(deadline)) {
          for (Pending<T> p : pending.values()) {
            String error = p.lastError + " (still failing when the deadline of " + describe(retry.uploadDeadline())
                + " for rate-limited files ended)";
            failed.add(new FailedFile(nameOf.apply(p.item), error, p.attempts));
            LOG.warn("{}: {} of {} failed after {} attempt(s): {}", target.describe(), what, nameOf.apply(p.item),
                p.attempts, error);
          }
          pending.clear();
          return;
        }
        sleep(wait);
        if (pass > announcedPass) {
          announcedPass = pass;
          LOG.info("{}: retry pass {} of {} for {} file(s) to {}", target.describe(), pass, retry.retryPasses(),
              pending.size(), what);
          settings.listener().retrying(pass, pending.size());
        } else {
          LOG.info("{}: {} file(s) to {} were rate limited; trying them again", target.describe(), pending.size(),
              what);
        }
      }
      List<Pending<T>> round = new ArrayList<>(pending.values());
      for (int from = 0; from < round.size(); from += settings.batchSize()) {
        List<Pending<T>> batch = round.subList(from, Math.min(round.size(), from + settings.batchSize()));
        List<T> items = batch.stream().map(p -> p.item).toList();
        batch.forEach(p -> p.attempts++);
        List<EntryResult> results;
        try {
          results = call.apply(items, deadline);
        } catch (TransferException e) {
          for (Pending<T> p : batch) {
            if (!e.retryable()) {
              p.lastError = e.getMessage();
              fail(pending, p, nameOf, failed);
            } else {
              failedOnce(pending, p, e.getMessage(), e.rateLimited(), e.retryAfter().orElse(null), nameOf, failed, what);
            }
          }
          continue;
        }
        Map<String, EntryResult> byKey = new HashMap<>();
        results.forEach(r -> byKey.put(lower(r.name()), r));
        for (Pending<T> p : batch) {
          String name = nameOf.apply(p.item);
          EntryResult result = byKey.get(lower(name));
          if (result == null) {
            failedOnce(pending, p, "the target reported no result for this file", false, null, nameOf, failed, what);
            continue;
          }
          String error = result.succeeded() ? verifier.verify(p.item, result) : result.error();
          if (error == null) {
            pending.remove(lower(name));
          } else if (!result.succeeded() && !result.retryable()) {
            p.lastError = error;
            fail(pending, p, nameOf, failed);
          } else {
            failedOnce(pending, p, error, !result.succeeded() && result.rateLimited(),
                result.succeeded() ? null : result.retryAfter(), nameOf, failed, what);
          }
        }
      }
    }
  }

  /** Records a retryable failure; an item whose counted failures exceed the passes fails for good. */
  private <T> void failedOnce(Map<String, Pending<T>> pending, Pending<T> p, String error, boolean rateLimited,
      Duration retryAfter, Function<T, String> nameOf, List<FailedFile> failed, String what) {
    RetrySettings retry = settings.retry();
    p.lastError = error;
    p.lastCounted = !rateLimited;
    Instant now = clock.instant();
    if (rateLimited) {
      p.notBefore = now.plus(retryAfter != null ? retryAfter : retry.rateLimitWait());
      LOG.debug("{} of {} rate limited (attempt {}): {}", what, nameOf.apply(p.item), p.attempts, error);
      return;
    }
    p.failures++;
    p.notBefore = retryAfter == null ? null : now.plus(retryAfter);
    if (p.failures > retry.retryPasses()) {
      fail(pending, p, nameOf, failed);
      LOG.warn("{}: {} of {} failed after {} attempt(s): {}", target.describe(), what, nameOf.apply(p.item),
          p.attempts, error);
    } else {
      LOG.debug("{} of {} failed (attempt {}): {}", what, nameOf.apply(p.item), p.attempts, error);
    }
  }

  private static <T> void fail(Map<String, Pending<T>> pending, Pending<T> p, Function<T, String> nameOf,
      List<FailedFile> failed) {
    pending.remove(lower(nameOf.apply(p.item)));
    failed.add(new FailedFile(nameOf.apply(p.item), p.lastError, p.attempts));
  }

  /** The wait before retry pass {@code pass}: its backoff, but never before {@code notBefore}. */
  private Duration waitBefore(int pass, Instant notBefore) {
    RetrySettings retry = settings.retry();
    Duration backoff = retry.passBackoff(pass);
    if (notBefore != null) {
      Duration untilAllowed = Duration.between(clock.instant(), notBefore);
      if (untilAllowed.compareTo(backoff) > 0) {
        return untilAllowed;
      }
    }
    return backoff;
  }

  private void sleep(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MirrorException("Interrupted while waiting to retry", e);
    }
  }

  private static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : duration.toMillis() + " ms";
  }

  private static String abbreviate(List<String> names) {
    List<String> sorted = names.stream().sorted().toList();
    return sorted.size() <= 10 ? String.join(", ", sorted)
        : String.join(", ", sorted.subList(0, 10)) + " and " + (sorted.size() - 10) + " more";
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static List<String> names(List<LocalFile> files) {
    return files.stream().map(LocalFile::name).sorted().toList();
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }
}
