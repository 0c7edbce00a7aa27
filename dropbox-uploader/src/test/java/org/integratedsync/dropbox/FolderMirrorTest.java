package org.integratedsync.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.integratedsync.dropbox.internal.Sleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror's plan and retry passes against an in-memory target, with virtual time. */
class FolderMirrorTest {

  @TempDir Path dir;

  /** A clock the sleeper moves forward, so waits cost no real time. */
  private static final class VirtualTime extends Clock implements Sleeper {
    Instant now = Instant.parse("2026-01-05T17:10:00Z");
    final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** An in-memory folder with scripted per-file failures; records calls and their times. */
  private static final class MemoryTarget implements MirrorTarget {
    final Map<String, byte[]> files = new TreeMap<>();
    final Map<String, Deque<EntryResult>> scripted = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, List<Instant>> touches = new HashMap<>();
    final VirtualTime time;

    MemoryTarget(VirtualTime time) {
      this.time = time;
    }

    void failNext(String name, EntryResult... results) {
      scripted.computeIfAbsent(name, n -> new ArrayDeque<>()).addAll(List.of(results));
    }

    @Override
    public String describe() {
      return "memory";
    }

    @Override
    public List<RemoteFile> list(boolean createIfMissing) {
      calls.add("list");
      List<RemoteFile> list = new ArrayList<>();
      files.forEach((name, content) -> list.add(new RemoteFile(name, hash(content), content.length)));
      return list;
    }

    @Override
    public List<EntryResult> upload(List<LocalFile> batch, Instant deadline) {
      calls.add("upload " + batch.stream().map(LocalFile::name).toList());
      List<EntryResult> results = new ArrayList<>();
      for (LocalFile file : batch) {
        touches.computeIfAbsent(file.name(), n -> new ArrayList<>()).add(time.instant());
        Deque<EntryResult> queue = scripted.get(file.name());
        if (queue != null && !queue.isEmpty()) {
          results.add(queue.poll());
          continue;
        }
        try {
          byte[] content = Files.readAllBytes(file.path());
          files.put(file.name(), content);
          results.add(EntryResult.done(file.name(), hash(content)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return results;
    }

    @Override
    public List<EntryResult> delete(List<String> names, Instant deadline) {
      calls.add("delete " + names);
      names.forEach(files::remove);
      return names.stream().map(name -> EntryResult.done(name, null)).toList();
    }
  }

  private static String hash(byte[] content) {
    return org.integratedsync.testkit.dropbox.DropboxHash.of(content);
  }

  private final VirtualTime time = new VirtualTime();
  private final MemoryTarget target = new MemoryTarget(time);

  /** A mirror in virtual time: every wait moves {@link #time} on instead of sleeping. */
  private FolderMirror mirrorOf(MirrorTarget mirrored, MirrorSettings settings) {
    return new FolderMirror(mirrored, settings, time, time);
  }

  private FolderMirror mirror(int retryPasses) {
    RetrySettings retry = RetrySettings.builder().retryPasses(retryPasses).backoff(Duration.ofSeconds(1),
        Duration.ofSeconds(30)).jitter(0).build();
    return mirrorOf(target, MirrorSettings.defaults().withRetry(retry));
  }

  private LocalFile local(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, content);
    return new LocalFile(name, path);
  }

  @Test
  void planUploadsNewAndChangedFilesKeepsUnchangedOnesAndDeletesTheRest() throws IOException {
    target.files.put("same.xlsx", "same".getBytes(StandardCharsets.UTF_8));
    target.files.put("changed.xlsx", "before".getBytes(StandardCharsets.UTF_8));
    target.files.put("stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    target.files.put("CASE.xlsx", "case".getBytes(StandardCharsets.UTF_8));

    MirrorPlan plan = mirror(3).plan(List.of(local("same.xlsx", "same"), local("changed.xlsx", "after"),
        local("new.xlsx", "new"), local("case.xlsx", "case")));

    assertThat(plan.upload()).extracting(LocalFile::name).containsExactly("changed.xlsx", "new.xlsx");
    assertThat(plan.unchanged()).extracting(LocalFile::name).containsExactly("case.xlsx", "same.xlsx");
    assertThat(plan.delete()).containsExactly("stale.xlsx");
    assertThat(target.calls).containsExactly("list");
  }

  @Test
  void twoFilesWhoseNamesDifferOnlyInCaseFailBothAndNothingElse() throws IOException {
    target.files.put("a-1.xlsx", "yesterday".getBytes(StandardCharsets.UTF_8));
    target.files.put("c-1.xlsx", "yesterday".getBytes(StandardCharsets.UTF_8));
    LocalFile a = local("a-2.xlsx", "1");
    LocalFile b = new LocalFile("A-2.XLSX", local("other", "2").path());

    MirrorReport report = keyed(3).mirror(List.of(a, b, local("c-2.xlsx", "c")));

    assertThat(report.failed()).extracting(FailedFile::name).containsExactly("A-2.XLSX", "a-2.xlsx");
    assertThat(report.failed()).allSatisfy(f -> assertThat(f.error()).contains("same name without regard to case"));
    assertThat(report.failed().get(0).error()).contains("a-2.xlsx");
    assertThat(report.uploaded()).containsExactly("c-2.xlsx");
    assertThat(report.deleted()).containsExactly("c-1.xlsx");
    assertThat(report.keptAsFallback()).extracting(KeptFile::name).containsExactly("a-1.xlsx");
    assertThat(target.files).containsOnlyKeys("a-1.xlsx", "c-2.xlsx");
  }

  /** The same mirror with keys "account" = the part before the first '-' and only .xlsx names managed. */
  private FolderMirror keyed(int retryPasses) {
    RetrySettings retry = RetrySettings.builder().retryPasses(retryPasses)
        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).jitter(0).build();
    return mirrorOf(target, MirrorSettings.defaults().withRetry(retry)
        .withManaged(name -> name.toLowerCase(Locale.ROOT).endsWith(".xlsx"))
        .withReplacementKey(name -> name.substring(0, name.indexOf('-')).toLowerCase(Locale.ROOT)));
  }

  @Test
  void aFailedUploadKeepsOnlyItsOwnKeysLastCopyAndEveryOtherStaleFileIsDeleted() throws IOException {
    target.files.put("a-1.xlsx", "a day 1".getBytes(StandardCharsets.UTF_8));
    target.files.put("a-2.xlsx", "a day 2".getBytes(StandardCharsets.UTF_8));
    target.files.put("b-2.xlsx", "b day 2".getBytes(StandardCharsets.UTF_8));
    target.files.put("gone-2.xlsx", "no longer selected".getBytes(StandardCharsets.UTF_8));
    target.failNext("a-3.xlsx", EntryResult.failed("a-3.xlsx", "disk full", false, null));

    MirrorReport report = keyed(3).mirror(List.of(local("a-3.xlsx", "a day 3"), local("b-3.xlsx", "b3")));

    assertThat(report.failed()).extracting(FailedFile::name).containsExactly("a-3.xlsx");
    assertThat(report.keptAsFallback()).containsExactly(new KeptFile("a-2.xlsx", "a", "upload failed: disk full"));
    assertThat(report.deleted()).containsExactly("a-1.xlsx", "b-2.xlsx", "gone-2.xlsx");
    assertThat(report.deletionSkipped()).isEmpty();
    assertThat(target.files).containsOnlyKeys("a-2.xlsx", "b-3.xlsx");
  }

  @Test
  void aKeyTheCallerReportsAsNotLandedKeepsItsLastCopyWithTheCallersReason() throws IOException {
    target.files.put("a-1.xlsx", "a day 1".getBytes(StandardCharsets.UTF_8));
    target.files.put("b-1.xlsx", "b day 1".getBytes(StandardCharsets.UTF_8));

    MirrorReport report = keyed(3).mirror(List.of(local("b-2.xlsx", "b2")),
        Map.of("a", "download failed: connection reset"));

    assertThat(report.keptAsFallback())
        .containsExactly(new KeptFile("a-1.xlsx", "a", "download failed: connection reset"));
    assertThat(report.deleted()).containsExactly("b-1.xlsx");
    assertThat(target.files).containsOnlyKeys("a-1.xlsx", "b-2.xlsx");
    assertThat(target.calls).containsExactly("list", "upload [b-2.xlsx]", "delete [b-1.xlsx]");
  }

  @Test
  void whenEveryExpectedFileFailedTheirCopiesStayAndFilesOfOtherKeysGo() throws IOException {
    target.files.put("a-1.xlsx", "a".getBytes(StandardCharsets.UTF_8));
    target.files.put("z-1.xlsx", "z".getBytes(StandardCharsets.UTF_8));

    MirrorReport report = keyed(3).mirror(List.of(), Map.of("a", "download failed"));

    assertThat(report.keptAsFallback()).extracting(KeptFile::name).containsExactly("a-1.xlsx");
    assertThat(report.deleted()).containsExactly("z-1.xlsx");
  }

  @Test
  void foreignFilesAreNeitherDeletedNorOverwrittenAndAreReported() throws IOException {
    target.files.put("README.txt", "hello".getBytes(StandardCharsets.UTF_8));
    target.files.put("a-1.xlsx", "old".getBytes(StandardCharsets.UTF_8));

    MirrorReport report = keyed(3).mirror(List.of(local("a-2.xlsx", "new"), local("notes.txt", "mine")));

    assertThat(report.foreign()).containsExactly("README.txt");
    assertThat(report.failed()).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("notes.txt");
      assertThat(f.error()).contains("not a name this mirror manages");
    });
    assertThat(report.deleted()).containsExactly("a-1.xlsx");
    assertThat(target.files).containsOnlyKeys("README.txt", "a-2.xlsx");
    assertThat(new String(target.files.get("README.txt"), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(target.calls).noneMatch(call -> call.contains("README") || call.contains("notes"));
  }

  @Test
  void unusableTargetEntriesAreLeftAloneAndCountedForeign() throws IOException {
    MirrorTarget withUnusable = new MirrorTarget() {
      @Override
      public String describe() {
        return "odd";
      }

      @Override
      public List<RemoteFile> list(boolean createIfMissing) {
        List<RemoteFile> listed = new ArrayList<>(target.list(createIfMissing));
        listed.add(RemoteFile.unusable("x-\uFFFD.xlsx", "the name is not valid UTF-8"));
        return listed;
      }

      @Override
      public List<EntryResult> upload(List<LocalFile> files, Instant deadline) {
        return target.upload(files, deadline);
      }

      @Override
      public List<EntryResult> delete(List<String> names, Instant deadline) {
        return target.delete(names, deadline);
      }
    };

    MirrorReport report = mirrorOf(withUnusable, MirrorSettings.defaults()).mirror(List.of(local("a.xlsx", "a")));

    assertThat(report.foreign()).containsExactly("x-\uFFFD.xlsx");
    assertThat(report.deleted()).isEmpty();
    assertThat(target.calls).noneMatch(call -> call.startsWith("delete"));
  }

  @Test
  void rateLimitsDoNotUseUpTheRetryPassesAndEachWaitIsExactlyTheRetryAfter() throws IOException {
    for (int i = 0; i < 12; i++) {
      target.failNext("a-1.xlsx", EntryResult.rateLimited("a-1.xlsx", "too_many_write_operations",
          i % 2 == 0 ? Duration.ofSeconds(3) : null));
    }

    MirrorReport report = keyed(0).mirror(List.of(local("a-1.xlsx", "a"), local("b-1.xlsx", "b")));

    assertThat(report.failed()).isEmpty();
    assertThat(report.uploaded()).containsExactly("a-1.xlsx", "b-1.xlsx");
    List<Instant> touches = target.touches.get("a-1.xlsx");
    assertThat(touches).hasSize(13);
    for (int i = 1; i < touches.size(); i++) {
      // 3 s when the target named it, otherwise the rate-limit wait (250 ms)
      Duration expected = (i - 1) % 2 == 0 ? Duration.ofSeconds(3) : Duration.ofMillis(250);
      assertThat(Duration.between(touches.get(i - 1), touches.get(i))).isEqualTo(expected);
    }
    assertThat(target.touches.get("b-1.xlsx")).hasSize(1);
  }

  @Test
  void aFileStillRateLimitedAtTheUploadDeadlineFailsAndTheOthersComplete() throws IOException {
    for (int i = 0; i < 1000; i++) {
      target.failNext("a-2.xlsx", EntryResult.rateLimited("a-2.xlsx", "too_many_write_operations",
          Duration.ofSeconds(30)));
    }
    target.files.put("a-1.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    RetrySettings retry = RetrySettings.builder().uploadDeadline(Duration.ofMinutes(2))
        .build();
    FolderMirror mirror = mirrorOf(target, MirrorSettings.defaults().withRetry(retry)
        .withReplacementKey(name -> name.substring(0, 1)));
    Instant start = time.instant();

    MirrorReport report = mirror.mirror(List.of(local("a-2.xlsx", "a"), local("b-2.xlsx", "b")));

    assertThat(report.failed()).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("a-2.xlsx");
      assertThat(f.error()).contains("too_many_write_operations").contains("deadline of 2 min");
      assertThat(f.attempts()).isEqualTo(5);
    });
    assertThat(Duration.between(start, time.instant())).isLessThanOrEqualTo(Duration.ofMinutes(2));
    assertThat(report.uploaded()).containsExactly("b-2.xlsx");
    assertThat(report.keptAsFallback()).extracting(KeptFile::name).containsExactly("a-1.xlsx");
  }

  @Test
  void uploadsComeFirstThenDeletions() throws IOException {
    target.files.put("stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));

    MirrorReport report = mirror(3).mirror(List.of(local("a.xlsx", "a")));

    assertThat(target.calls).containsExactly("list", "upload [a.xlsx]", "delete [stale.xlsx]");
    assertThat(report.deleted()).containsExactly("stale.xlsx");
    assertThat(target.files).containsOnlyKeys("a.xlsx");
  }

  @Test
  void anEmptySelectionNeverEmptiesTheFolder() {
    target.files.put("a.xlsx", "a".getBytes(StandardCharsets.UTF_8));

    MirrorReport report = mirror(3).mirror(List.of());

    assertThat(report.deleted()).isEmpty();
    assertThat(report.deletionSkipped()).hasValueSatisfying(reason -> assertThat(reason).contains("selection is empty"));
    assertThat(report.succeeded()).isFalse();
    assertThat(target.files).containsOnlyKeys("a.xlsx");
  }

  @Test
  void retryableFailuresAreRetriedInLaterPassesWithBackoffForThoseFilesOnly() throws IOException {
    target.failNext("b.xlsx", EntryResult.failed("b.xlsx", "busy", true, null),
        EntryResult.failed("b.xlsx", "busy", true, null));

    MirrorReport report = mirror(3).mirror(List.of(local("a.xlsx", "a"), local("b.xlsx", "b")));

    assertThat(report.uploaded()).containsExactly("a.xlsx", "b.xlsx");
    assertThat(target.calls).containsExactly("list", "upload [a.xlsx, b.xlsx]", "upload [b.xlsx]", "upload [b.xlsx]");
    assertThat(time.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void theListenerHearsThePlanEachUploadRetryPassAndDeletion() throws IOException {
    target.files.put("stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    target.failNext("b.xlsx", EntryResult.failed("b.xlsx", "busy", true, null));
    List<String> events = new ArrayList<>();
    MirrorListener listener = new MirrorListener() {
      @Override
      public void planned(MirrorPlan plan) {
        events.add("plan " + plan.upload().size() + "/" + plan.unchanged().size() + "/" + plan.delete());
      }

      @Override
      public void uploaded(String name, long bytes) {
        events.add("uploaded " + name + " " + bytes);
      }

      @Override
      public void retrying(int pass, int files) {
        events.add("pass " + pass + " " + files);
      }

      @Override
      public void deleted(String name) {
        events.add("deleted " + name);
      }
    };
    RetrySettings retry = RetrySettings.defaults();

    mirrorOf(target, MirrorSettings.defaults().withRetry(retry).withListener(listener))
        .mirror(List.of(local("a.xlsx", "aa"), local("b.xlsx", "bbb")));

    assertThat(events).containsExactly("plan 2/0/[stale.xlsx]", "uploaded a.xlsx 2", "pass 1 1", "uploaded b.xlsx 3",
        "deleted stale.xlsx");
  }

  @Test
  void aFileIsNeverTouchedBeforeItsRetryAfterHasElapsed() throws IOException {
    target.failNext("a.xlsx", EntryResult.failed("a.xlsx", "rate limited", true, Duration.ofSeconds(7)));

    MirrorReport report = mirror(3).mirror(List.of(local("a.xlsx", "a")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    List<Instant> touches = target.touches.get("a.xlsx");
    assertThat(Duration.between(touches.get(0), touches.get(1))).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aWholeBatchRateLimitedByTheTargetWaitsItsRetryAfter() throws IOException {
    MirrorTarget limited = new MirrorTarget() {
      int calls;

      @Override
      public String describe() {
        return "limited";
      }

      @Override
      public List<RemoteFile> list(boolean createIfMissing) {
        return List.of();
      }

      @Override
      public List<EntryResult> upload(List<LocalFile> files, Instant deadline) {
        if (calls++ == 0) {
          throw new TransferException("commit failed: rate limited", true, Duration.ofSeconds(5), null);
        }
        return target.upload(files, deadline);
      }

      @Override
      public List<EntryResult> delete(List<String> names, Instant deadline) {
        return target.delete(names, deadline);
      }
    };
    RetrySettings retry = RetrySettings.builder().backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).jitter(0)
        .build();

    MirrorReport report = mirrorOf(limited, MirrorSettings.defaults().withRetry(retry))
        .mirror(List.of(local("a.xlsx", "a")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(time.waits).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void aFileThatKeepsFailingIsReportedAfterTheLastPassWithAttemptsAndLastError() throws IOException {
    for (int i = 0; i < 10; i++) {
      target.failNext("bad.xlsx", EntryResult.failed("bad.xlsx", "failure " + i, true, null));
    }
    target.files.put("stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));

    MirrorReport report = mirror(2).mirror(List.of(local("bad.xlsx", "x"), local("good.xlsx", "y")));

    assertThat(report.failed()).containsExactly(new FailedFile("bad.xlsx", "failure 2", 3));
    assertThat(report.uploaded()).containsExactly("good.xlsx");
    // a stale file of another key goes even though an upload failed
    assertThat(report.deletionSkipped()).isEmpty();
    assertThat(report.deleted()).containsExactly("stale.xlsx");
    assertThat(target.files).containsOnlyKeys("good.xlsx");
  }

  @Test
  void aPermanentFailureIsNotRetried() throws IOException {
    target.failNext("a.xlsx", EntryResult.failed("a.xlsx", "disallowed name", false, null));

    MirrorReport report = mirror(3).mirror(List.of(local("a.xlsx", "a")));

    assertThat(report.failed()).containsExactly(new FailedFile("a.xlsx", "disallowed name", 1));
    assertThat(time.waits).isEmpty();
  }

  @Test
  void aCommittedHashThatDiffersFromTheLocalFileCountsAsAFailure() throws IOException {
    target.failNext("a.xlsx", EntryResult.done("a.xlsx", "0".repeat(64)));

    MirrorReport report = mirror(0).mirror(List.of(local("a.xlsx", "a")));

    assertThat(report.failed()).singleElement().satisfies(f -> assertThat(f.error()).contains("content hash"));
    assertThat(report.uploaded()).isEmpty();
  }

  @Test
  void anUnreadableLocalFileIsReportedAndItsRemoteCopyIsKept() throws IOException {
    target.files.put("gone.xlsx", "remote".getBytes(StandardCharsets.UTF_8));
    LocalFile gone = new LocalFile("gone.xlsx", dir.resolve("does-not-exist"));

    MirrorReport report = mirror(3).mirror(List.of(gone, local("a.xlsx", "a")));

    assertThat(report.failed()).extracting(FailedFile::name).containsExactly("gone.xlsx");
    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(target.files).containsKey("gone.xlsx");
  }

  @Test
  void verifiedLocalFilesAreDeletedWhenAskedAndFailedOnesAreKept() throws IOException {
    target.files.put("same.xlsx", "same".getBytes(StandardCharsets.UTF_8));
    target.failNext("bad.xlsx", EntryResult.failed("bad.xlsx", "no", false, null));
    LocalFile same = local("same.xlsx", "same");
    LocalFile fresh = local("new.xlsx", "new");
    LocalFile bad = local("bad.xlsx", "bad");
    RetrySettings retry = RetrySettings.builder().backoff(Duration.ZERO, Duration.ZERO).build();
    FolderMirror mirror = mirrorOf(target,
        MirrorSettings.defaults().withRetry(retry).withDeleteLocalAfterUpload(true));

    MirrorReport report = mirror.mirror(List.of(same, fresh, bad));

    assertThat(report.localFilesDeleted()).containsExactly("new.xlsx", "same.xlsx");
    assertThat(same.path()).doesNotExist();
    assertThat(fresh.path()).doesNotExist();
    assertThat(bad.path()).exists();
  }

  @Test
  void batchesHoldAtMostTheConfiguredNumberOfFiles() throws IOException {
    List<LocalFile> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(local("f" + i, "content " + i));
    }
    RetrySettings retry = RetrySettings.defaults();

    mirrorOf(target, MirrorSettings.defaults().withRetry(retry).withBatchSize(2)).mirror(files);

    assertThat(target.calls).containsExactly("list", "upload [f0, f1]", "upload [f2, f3]", "upload [f4]");
  }

  @Test
  void settingsAreValidated() {
    // a DropboxConfigurationException naming the setting, still an IllegalArgumentException for older catch blocks
    assertThatThrownBy(() -> MirrorSettings.defaults().withBatchSize(1001))
        .isInstanceOfSatisfying(DropboxConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("batchSize"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be between 1 and 1000: 1001");
    assertThatThrownBy(() -> RetrySettings.builder().jitter(1.5).build())
        .isInstanceOfSatisfying(DropboxConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("jitter"));
    assertThatThrownBy(() -> RetrySettings.builder().attemptsPerCall(0).build())
        .isInstanceOfSatisfying(DropboxConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("attemptsPerCall"));
    assertThatThrownBy(() -> RetrySettings.builder().backoff(Duration.ofSeconds(4), Duration.ofSeconds(2)).build())
        .isInstanceOfSatisfying(DropboxConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("backoffMax"))
        .hasMessage("need 0 <= backoffBase <= backoffMax: PT4S, PT2S");
    assertThatThrownBy(() -> RetrySettings.builder().uploadDeadline(Duration.ZERO).build())
        .isInstanceOfSatisfying(DropboxConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("uploadDeadline"));
    assertThat(RetrySettings.defaults().passBackoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetrySettings.defaults().passBackoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(RetrySettings.defaults().passBackoff(20)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void retrySettingsAreAValueWithoutTestSeams() {
    RetrySettings one = RetrySettings.builder().retryPasses(2).uploadDeadline(Duration.ofMinutes(5)).build();
    RetrySettings same = RetrySettings.builder().uploadDeadline(Duration.ofMinutes(5)).retryPasses(2).build();

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(RetrySettings.defaults());
    assertThat(one.toString()).contains("retryPasses=2", "uploadDeadline=PT5M").doesNotContain("Clock", "Lambda", "$$");
    assertThat(RetrySettings.class.getRecordComponents()).extracting(c -> c.getType().getSimpleName())
        .containsOnly("int", "double", "Duration");
  }
}
