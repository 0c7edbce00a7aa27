package org.integratedsync.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dropbox.core.oauth.DbxOAuthException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.integratedsync.dropbox.internal.Sleeper;
import org.integratedsync.testkit.dropbox.Endpoint;
import org.integratedsync.testkit.dropbox.EntryFault;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.dropbox.Fault;
import org.integratedsync.testkit.dropbox.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror through the real Dropbox SDK against the testkit's Dropbox HTTP API fake. */
class DropboxFolderTargetTest {

  @TempDir Path dir;

  private FakeDropbox fake;
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private final List<DropboxFolderTarget> targets = new ArrayList<>();

  @BeforeEach
  void startFake() {
    fake = FakeDropbox.start();
  }

  @AfterEach
  void stopFake() {
    targets.forEach(DropboxFolderTarget::close);
    fake.close();
  }

  /** How the targets and mirrors of a test wait: by default not at all, every requested wait recorded. */
  private Sleeper sleeper = waits::add;

  /** Retry settings for tests that record their waits instead of sleeping. */
  private RetrySettings.Builder virtualTime() {
    return RetrySettings.builder().backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).jitter(0);
  }

  private DropboxFolderTarget target(RetrySettings retry) {
    return target(retry, new DropboxCredentials(FakeDropbox.APP_KEY, FakeDropbox.APP_SECRET, FakeDropbox.REFRESH_TOKEN));
  }

  private DropboxFolderTarget target(RetrySettings retry, DropboxCredentials credentials) {
    DropboxFolderTarget target = DropboxFolderTarget.builder(credentials).baseUrl(fake.baseUrl()).folder("/cred")
        .retry(retry).concurrency(4).chunkSize(1000).pollInterval(Duration.ofMillis(250))
        .time(Clock.systemUTC(), sleeper).build();
    targets.add(target);
    return target;
  }

  private FolderMirror mirror(RetrySettings retry) {
    return mirrorOf(target(retry), MirrorSettings.defaults().withRetry(retry));
  }

  private FolderMirror mirrorOf(MirrorTarget target, MirrorSettings settings) {
    return new FolderMirror(target, settings, Clock.systemUTC(), sleeper);
  }

  private LocalFile file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private LocalFile file(String name, byte[] content) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, content);
    return new LocalFile(name, path);
  }

  private static byte[] bytes(int size, int seed) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * 31 + seed);
    }
    return data;
  }

  @Test
  void everyFileLandsStaleFilesGoAfterTheLastCommitAndNothingOutsideTheFolderIsTouched() throws IOException {
    fake.setListPageSize(2);
    fake.putFile("/cred/unchanged.xlsx", "same".getBytes(StandardCharsets.UTF_8));
    fake.putFile("/cred/changed.xlsx", "old content".getBytes(StandardCharsets.UTF_8));
    fake.putFile("/cred/stale.xlsx", "yesterday".getBytes(StandardCharsets.UTF_8));
    fake.putFile("/cred/sub/nested.xlsx", "keep".getBytes(StandardCharsets.UTF_8));
    fake.putFile("/other/elsewhere.xlsx", "keep".getBytes(StandardCharsets.UTF_8));
    List<LocalFile> selection = List.of(
        file("unchanged.xlsx", "same"),
        file("changed.xlsx", "new content"),
        file("empty.xlsx", new byte[0]),
        file("big.xlsx", bytes(2500, 7)),
        file("small.xlsx", "small"));

    MirrorReport report = mirror(virtualTime().build()).mirror(selection);

    assertThat(report.uploaded()).containsExactly("big.xlsx", "changed.xlsx", "empty.xlsx", "small.xlsx");
    assertThat(report.unchanged()).containsExactly("unchanged.xlsx");
    assertThat(report.deleted()).containsExactly("stale.xlsx");
    assertThat(report.failed()).isEmpty();
    assertThat(report.succeeded()).isTrue();
    assertThat(report.bytesUploaded()).isEqualTo(11 + 0 + 2500 + 5);
    assertThat(fake.fileNames("/cred"))
        .containsExactly("big.xlsx", "changed.xlsx", "empty.xlsx", "small.xlsx", "unchanged.xlsx");
    assertThat(fake.content("/cred/big.xlsx")).hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes(2500, 7)));
    assertThat(fake.content("/cred/changed.xlsx"))
        .hasValueSatisfying(c -> assertThat(new String(c, StandardCharsets.UTF_8)).isEqualTo("new content"));
    assertThat(fake.fileNames("/cred/sub")).containsExactly("nested.xlsx");
    assertThat(fake.fileNames("/other")).containsExactly("elsewhere.xlsx");
    // the 2,500-byte file went up in three chunks of at most 1,000 bytes
    assertThat(fake.requests(Endpoint.UPLOAD_APPEND)).hasSize(2);
    assertThat(fake.requests(Endpoint.LIST_FOLDER_CONTINUE)).isNotEmpty();
    assertThat(fake.refreshCount()).isEqualTo(1);

    long lastCommit = fake.requests(Endpoint.FINISH_BATCH).stream().mapToLong(LoggedRequest::respondedNanos).max()
        .orElseThrow();
    long firstDelete = fake.requests(Endpoint.DELETE_BATCH).stream().mapToLong(LoggedRequest::receivedNanos).min()
        .orElseThrow();
    assertThat(firstDelete).isGreaterThan(lastCommit);
    assertThat(fake.requests(Endpoint.FINISH_BATCH)).hasSize(1);
  }

  @Test
  void aRerunWithNothingChangedUploadsZeroBytes() throws IOException {
    List<LocalFile> selection = List.of(file("a.xlsx", "alpha"), file("b.xlsx", bytes(3000, 1)));
    FolderMirror mirror = mirror(virtualTime().build());
    mirror.mirror(selection);
    fake.clearLog();

    MirrorReport again = mirror.mirror(selection);

    assertThat(again.uploaded()).isEmpty();
    assertThat(again.unchanged()).containsExactly("a.xlsx", "b.xlsx");
    assertThat(again.bytesUploaded()).isZero();
    assertThat(fake.uploadedBytes()).isZero();
    assertThat(fake.requests().stream().filter(r -> r.endpoint().isWrite())).isEmpty();
  }

  @Test
  void aMissingFolderIsCreated() throws IOException {
    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(fake.folderExists("/cred")).isTrue();
    assertThat(fake.requests(Endpoint.CREATE_FOLDER)).hasSize(1);
  }

  @Test
  void aPlanChangesNothingNotEvenAMissingFolder() throws IOException {
    fake.putFile("/elsewhere/x.xlsx", "x".getBytes(StandardCharsets.UTF_8));

    MirrorPlan plan = mirror(virtualTime().build()).plan(List.of(file("a.xlsx", "alpha")));

    assertThat(plan.upload()).extracting(LocalFile::name).containsExactly("a.xlsx");
    assertThat(plan.delete()).isEmpty();
    assertThat(fake.folderExists("/cred")).isFalse();
    assertThat(fake.requests().stream().filter(r -> r.endpoint().isWrite())).isEmpty();
  }

  @Test
  void aRateLimitedCommitIsRetriedNoEarlierThanRetryAfterInRealTime() throws IOException {
    fake.failNext(Endpoint.FINISH_BATCH, 1, Fault.tooManyWriteOperations(Duration.ofSeconds(1)));
    sleeper = Sleeper.SYSTEM;
    RetrySettings retry = RetrySettings.builder().backoff(Duration.ZERO, Duration.ZERO).build();

    MirrorReport report = mirror(retry).mirror(List.of(file("a.xlsx", "alpha"), file("b.xlsx", "beta")));

    assertThat(report.uploaded()).containsExactly("a.xlsx", "b.xlsx");
    List<LoggedRequest> commits = fake.requests(Endpoint.FINISH_BATCH);
    assertThat(commits).extracting(LoggedRequest::status).containsExactly(429, 200);
    assertThat(commits.get(1).keys()).containsExactlyInAnyOrder("/cred/a.xlsx", "/cred/b.xlsx");
    assertThat(fake.retryAfterViolations()).isEmpty();
  }

  @Test
  void rateLimitsWaitExactlyTheRetryAfterDropboxSent() throws IOException {
    fake.failNext(Endpoint.UPLOAD_START, 1, Fault.tooManyRequests(Duration.ofSeconds(2)));
    fake.failNext(Endpoint.FINISH_BATCH, 1, Fault.tooManyWriteOperations(Duration.ofSeconds(3)));

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(fake.requests(Endpoint.UPLOAD_START)).extracting(LoggedRequest::status).containsExactly(429, 200);
  }

  @Test
  void bothShapesOfTooManyWriteOperationsAreRetriedForThoseEntriesOnly() throws IOException {
    fake.failEntry("/cred/a.xlsx", 1, EntryFault.TOO_MANY_WRITE_OPERATIONS);
    fake.failEntry("/cred/b.xlsx", 1, EntryFault.PATH_TOO_MANY_WRITE_OPERATIONS);
    List<LocalFile> selection = List.of(file("a.xlsx", "alpha"), file("b.xlsx", "beta"), file("c.xlsx", "gamma"),
        file("d.xlsx", "delta"));

    MirrorReport report = mirror(virtualTime().build()).mirror(selection);

    assertThat(report.uploaded()).containsExactly("a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx");
    List<LoggedRequest> commits = fake.requests(Endpoint.FINISH_BATCH);
    assertThat(commits).hasSize(2);
    assertThat(commits.get(0).committed()).containsExactlyInAnyOrder("/cred/c.xlsx", "/cred/d.xlsx");
    assertThat(commits.get(1).keys()).containsExactlyInAnyOrder("/cred/a.xlsx", "/cred/b.xlsx");
    // the retried entries reuse their closed sessions: no byte is sent twice
    assertThat(fake.uploadedBytes()).isEqualTo(5 + 4 + 5 + 5);
    // one wait of the rate-limit wait (250 ms), counted from the refusal
    assertThat(waits).singleElement().satisfies(wait ->
        assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(250)).isGreaterThan(Duration.ofMillis(150)));
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoff() throws IOException {
    fake.failNext(Endpoint.LIST_FOLDER, 1, Fault.badGateway());
    fake.failNext(Endpoint.UPLOAD_START, 1, Fault.serverError());
    fake.failNext(Endpoint.FINISH_BATCH, 2, Fault.unavailable());

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(fake.content("/cred/a.xlsx")).isPresent();
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  @Test
  void chunksAreStreamedFromTheFileNotHeldInMemory() throws IOException {
    // 16 MiB in 1 MiB chunks through one upload thread: holding each chunk in memory allocates at
    // least 16 MiB (readNBytes copies it once more) on that thread; streaming needs a few buffers
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
        .as("this JVM reports allocated bytes per thread").isTrue();
    int chunk = 1024 * 1024;
    byte[] content = bytes(16 * chunk, 7);
    LocalFile big = file("big.xlsx", content);
    DropboxFolderTarget target = DropboxFolderTarget.builder(
            new DropboxCredentials(FakeDropbox.APP_KEY, FakeDropbox.APP_SECRET, FakeDropbox.REFRESH_TOKEN))
        .baseUrl(fake.baseUrl()).folder("/cred").concurrency(1).chunkSize(chunk).time(Clock.systemUTC(), sleeper)
        .build();
    targets.add(target);
    target.list(true);
    Set<Long> before = uploadThreads().keySet();

    List<EntryResult> results = target.upload(List.of(big), Instant.now().plusSeconds(60));

    assertThat(results).extracting(EntryResult::error).containsOnlyNulls();
    assertThat(fake.content("/cred/big.xlsx")).hasValue(content);
    assertThat(fake.requests(Endpoint.UPLOAD_APPEND)).hasSize(15)
        .extracting(LoggedRequest::bodyBytes).containsOnly((long) chunk);
    Map<Long, Thread> used = uploadThreads();
    used.keySet().removeAll(before);
    assertThat(used).as("the upload ran on a new upload thread").isNotEmpty();
    long allocated = used.keySet().stream().mapToLong(threads::getThreadAllocatedBytes).sum();
    assertThat(allocated).as("bytes allocated by the upload thread for a 16 MiB file").isLessThan(4L * chunk);
  }

  private static Map<Long, Thread> uploadThreads() {
    Map<Long, Thread> found = new HashMap<>();
    Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("dropbox-upload-"))
        .forEach(t -> found.put(t.getId(), t));
    return found;
  }

  @Test
  void networkErrorsAreRetriedWithBackoff() throws IOException {
    // a streamed upload body is never resent by the JDK itself, so the drop reaches the client
    fake.failNext(Endpoint.UPLOAD_APPEND, 1, Fault.disconnect());

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("big.xlsx", bytes(1500, 3))));

    assertThat(report.uploaded()).containsExactly("big.xlsx");
    assertThat(fake.content("/cred/big.xlsx")).hasValue(bytes(1500, 3));
    // the dropped append, the empty append that closes the abandoned session, the new session's append
    assertThat(fake.requests(Endpoint.UPLOAD_APPEND)).extracting(LoggedRequest::status).containsExactly(0, 200, 200);
    assertThat(fake.requests(Endpoint.UPLOAD_APPEND).get(1).bodyBytes()).isZero();
    // the whole body went again through a new session
    assertThat(fake.requests(Endpoint.UPLOAD_START)).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aConnectionDroppedDuringListingOrCommitStillEndsWithEveryFileCommitted() throws IOException {
    // (the JDK may resend a small POST on a dropped keep-alive connection by itself; either way the run ends well)
    fake.failNext(Endpoint.LIST_FOLDER, 1, Fault.disconnect());
    fake.failNext(Endpoint.FINISH_BATCH, 1, Fault.disconnect());

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(fake.requests(Endpoint.FINISH_BATCH)).extracting(LoggedRequest::status).containsExactly(0, 200);
    assertThat(fake.fileNames("/cred")).containsExactly("a.xlsx");
  }

  @Test
  void aCommitThatKeepsFailingUsesUpThePassesAndStaleFilesOfOtherKeysAreStillDeleted() throws IOException {
    fake.putFile("/cred/stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    fake.putFile("/cred/bad.xlsx", "yesterday".getBytes(StandardCharsets.UTF_8));
    // 4 passes of 4 attempts each
    fake.failNext(Endpoint.FINISH_BATCH, 16, Fault.serverError());
    RetrySettings retry = virtualTime().retryPasses(3).build();

    MirrorReport report = mirror(retry).mirror(List.of(file("bad.xlsx", "bad")));

    assertThat(report.failed()).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("bad.xlsx");
      assertThat(f.error()).contains("HTTP 500");
      assertThat(f.attempts()).isEqualTo(4);
    });
    assertThat(fake.requests(Endpoint.FINISH_BATCH)).hasSize(16);
    assertThat(report.deleted()).containsExactly("stale.xlsx");
    assertThat(report.keptAsFallback()).extracting(KeptFile::name).containsExactly("bad.xlsx");
    assertThat(fake.fileNames("/cred")).containsExactly("bad.xlsx");
    assertThat(fake.content("/cred/bad.xlsx")).hasValue("yesterday".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void entriesRefusedWithTooManyWriteOperationsAreCommittedAgainWithoutUsingUpPasses() throws IOException {
    fake.failEntry("/cred/busy.xlsx", 9, EntryFault.PATH_TOO_MANY_WRITE_OPERATIONS);
    RetrySettings retry = virtualTime().retryPasses(0).build();

    MirrorReport report = mirror(retry).mirror(List.of(file("busy.xlsx", "busy"), file("calm.xlsx", "calm")));

    assertThat(report.failed()).isEmpty();
    assertThat(fake.content("/cred/busy.xlsx")).hasValue("busy".getBytes(StandardCharsets.UTF_8));
    assertThat(fake.requests(Endpoint.FINISH_BATCH)).hasSize(10);
    // the bytes went up once: each new commit finishes the same session
    assertThat(fake.requests(Endpoint.UPLOAD_START)).hasSize(2);
  }

  @Test
  void http429KeepsBeingWaitedOutBeyondTheAttemptsPerCall() throws IOException {
    fake.failNext(Endpoint.FINISH_BATCH, 7, Fault.tooManyWriteOperations(Duration.ofSeconds(2)));
    RetrySettings retry = virtualTime().retryPasses(0).attemptsPerCall(2).build();

    MirrorReport report = mirror(retry).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.failed()).isEmpty();
    assertThat(fake.requests(Endpoint.FINISH_BATCH)).hasSize(8);
    assertThat(waits).containsExactly(Collections.nCopies(7, Duration.ofSeconds(2)).toArray(Duration[]::new));
  }

  @Test
  void waitingForADeletionJobEndsAtTheDeadline() throws IOException {
    fake.putFile("/cred/stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    fake.setDeletePollsBeforeComplete(Integer.MAX_VALUE);
    sleeper = Sleeper.SYSTEM; // the real clock's deadline of 1 s, polled every 250 ms
    RetrySettings retry = RetrySettings.builder().uploadDeadline(Duration.ofSeconds(1)).jitter(0)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build();

    MirrorReport report = mirrorOf(target(retry), MirrorSettings.defaults().withRetry(retry))
        .mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.failedDeletions()).singleElement()
        .satisfies(f -> assertThat(f.error()).contains("had not finished deleting"));
    assertThat(fake.requests(Endpoint.DELETE_BATCH_CHECK).size()).isBetween(2, 10);
  }

  @Test
  void aCommitRefusedForGoodIsNotRetried() throws IOException {
    fake.failEntry("/cred/full.xlsx", 1, EntryFault.INSUFFICIENT_SPACE);

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("full.xlsx", "x")));

    assertThat(report.failed()).singleElement().satisfies(failed -> {
      assertThat(failed.attempts()).isEqualTo(1);
      assertThat(failed.error()).contains("insufficient_space");
    });
    assertThat(fake.requests(Endpoint.FINISH_BATCH)).hasSize(1);
  }

  @Test
  void anAccessTokenThatExpiresDuringUploadIsRefreshedAndTheUploadSucceeds() throws IOException {
    fake.failNext(Endpoint.UPLOAD_START, 1, Fault.expiredAccessToken());

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.uploaded()).containsExactly("a.xlsx");
    assertThat(fake.refreshCount()).isEqualTo(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void aWrongRefreshTokenGivesAClearAuthenticationErrorWithoutSecrets() throws IOException {
    var credentials = new DropboxCredentials(FakeDropbox.APP_KEY, FakeDropbox.APP_SECRET, "revoked-token-123");
    FolderMirror mirror = mirrorOf(target(virtualTime().build(), credentials), MirrorSettings.defaults());
    List<LocalFile> selection = List.of(file("a.xlsx", "alpha"));

    assertThatThrownBy(() -> mirror.mirror(selection))
        .isInstanceOfSatisfying(DropboxAuthenticationException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("invalid_grant");
          assertThat(e.getMessage()).contains("refresh token").doesNotContain("revoked-token-123")
              .doesNotContain(FakeDropbox.APP_SECRET);
          // the SDK's exception is kept for diagnosis, and it carries no secret either
          assertThat(e).isInstanceOf(MirrorException.class).isInstanceOf(DropboxSyncException.class)
              .hasCauseInstanceOf(DbxOAuthException.class);
          assertThat(String.valueOf(e.getCause().getMessage())).doesNotContain("revoked-token-123")
              .doesNotContain(FakeDropbox.APP_SECRET);
        });
    assertThat(fake.requests().stream().filter(r -> r.endpoint() != Endpoint.TOKEN)).isEmpty();
  }

  @Test
  void aWrongAppSecretGivesAClearAuthenticationErrorWithoutSecrets() {
    var credentials = new DropboxCredentials(FakeDropbox.APP_KEY, "wrong-secret-456", FakeDropbox.REFRESH_TOKEN);
    DropboxFolderTarget target = target(virtualTime().build(), credentials);

    assertThatThrownBy(target::checkAccess)
        .isInstanceOfSatisfying(DropboxAuthenticationException.class, e -> {
          assertThat(e.getMessage()).contains("app key or app secret").doesNotContain("wrong-secret-456")
              .doesNotContain(FakeDropbox.REFRESH_TOKEN);
          assertThat(e).hasCauseInstanceOf(DbxOAuthException.class);
          assertThat(String.valueOf(e.getCause().getMessage())).doesNotContain("wrong-secret-456");
        });
  }

  @Test
  void whenTheListingFailsNothingIsUploadedOrDeleted() throws IOException {
    fake.putFile("/cred/stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    fake.failNext(Endpoint.LIST_FOLDER, 100, Fault.serverError());
    FolderMirror mirror = mirror(virtualTime().retryPasses(1).attemptsPerCall(2).build());
    List<LocalFile> selection = List.of(file("a.xlsx", "alpha"));

    assertThatThrownBy(() -> mirror.mirror(selection)).isInstanceOfSatisfying(TransferException.class,
        e -> assertThat(e.getMessage()).contains("500"));
    assertThat(fake.fileNames("/cred")).containsExactly("stale.xlsx");
    assertThat(fake.requests().stream().filter(r -> r.endpoint().isWrite())).isEmpty();
  }

  @Test
  void aPathThatIsAFileIsAFolderError() {
    fake.putFile("/cred", "not a folder".getBytes(StandardCharsets.UTF_8));
    DropboxFolderTarget target = target(virtualTime().build());

    assertThatThrownBy(() -> target.list(true)).isInstanceOf(FolderAccessException.class).hasMessageContaining("is a file")
        .isInstanceOf(MirrorException.class);
    assertThatThrownBy(target::checkAccess).isInstanceOf(FolderAccessException.class);
  }

  @Test
  void checkAccessChangesNothing() {
    DropboxFolderTarget target = target(virtualTime().build());

    assertThat(target.checkAccess()).isFalse();
    assertThat(fake.folderExists("/cred")).isFalse();
    fake.createFolder("/cred");
    assertThat(target.checkAccess()).isTrue();
  }

  @Test
  void aRateLimitedDeletionWaitsItsRetryAfter() throws IOException {
    fake.putFile("/cred/stale.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    fake.failNext(Endpoint.DELETE_BATCH, 1, Fault.tooManyWriteOperations(Duration.ofSeconds(2)));

    MirrorReport report = mirror(virtualTime().build()).mirror(List.of(file("a.xlsx", "alpha")));

    assertThat(report.deleted()).containsExactly("stale.xlsx");
    assertThat(fake.fileNames("/cred")).containsExactly("a.xlsx");
    // the 429 wait, then one poll interval while the deletion job was in progress
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(250));
    assertThat(fake.requests(Endpoint.DELETE_BATCH_CHECK)).extracting(LoggedRequest::status).containsExactly(200, 200);
  }

  @Test
  void theFolderAndBaseUrlAreValidatedWhenSetWithoutAnyRequest() {
    var credentials = new DropboxCredentials("k", "s", "t");

    assertThat(DropboxFolderTarget.builder(credentials).folder(" /cred/reports/ ").build().folder())
        .isEqualTo("/cred/reports");
    // refused by folder(...) itself, before build()
    assertThatThrownBy(() -> DropboxFolderTarget.builder(credentials).folder("/"))
        .isInstanceOfSatisfying(DropboxConfigurationException.class, e -> assertThat(e.setting()).isEqualTo("folder")).hasMessageContaining("root").hasMessageContaining("'/'");
    assertThatThrownBy(() -> DropboxFolderTarget.builder(credentials).folder(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
    assertThatThrownBy(() -> DropboxFolderTarget.builder(credentials).folder("cred"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(
            "the Dropbox folder must be an absolute path such as /cred: got 'cred'");
    for (String bad : List.of("/cred/../x", "//cred", "/cred//x", "/./cred")) {
      assertThatThrownBy(() -> DropboxFolderTarget.builder(credentials).folder(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> DropboxFolderTarget.builder(credentials).folder("/cred\nforged"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
    assertThatThrownBy(() -> DropboxFolderTarget.builder(credentials).baseUrl("127.0.0.1:8080"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void threeHundredFilesLandThroughAStormOfRateLimitsWithoutUsingUpASingleRetry() throws IOException {
    fake.putFile("/cred/stale-1.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    fake.putFile("/cred/stale-2.xlsx", "old".getBytes(StandardCharsets.UTF_8));
    // 30 % of write requests 429 with Retry-After 1 s, 30 % of commit entries too_many_write_operations
    fake.setRandomFailures(42, 0.30, 0, 0.30, Duration.ofSeconds(1));
    List<LocalFile> selection = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      selection.add(file("f" + i + ".xlsx", bytes(100 + i, i)));
    }
    // no retry budget at all: one attempt per call, no retry pass; only rate limits are retried
    RetrySettings retry = virtualTime().retryPasses(0).attemptsPerCall(1).build();

    MirrorReport report = mirrorOf(target(retry), MirrorSettings.defaults().withRetry(retry).withBatchSize(100))
        .mirror(selection);

    assertThat(report.failed()).isEmpty();
    assertThat(report.uploaded()).hasSize(300);
    assertThat(fake.fileNames("/cred")).hasSize(300);
    assertThat(fake.requests().stream().filter(r -> r.status() == 429).count()).isGreaterThan(50);
    assertThat(fake.requests(Endpoint.FINISH_BATCH).stream()
        .filter(r -> r.status() == 200 && r.committed().size() < r.keys().size())).isNotEmpty();
    // every wait is a Retry-After of 1 s, or the rest of the 250 ms rate-limit wait of refused entries
    assertThat(waits).contains(Duration.ofSeconds(1)).allSatisfy(wait ->
        assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1)).isGreaterThanOrEqualTo(Duration.ZERO));
    for (LocalFile file : selection) {
      assertThat(fake.content("/cred/" + file.name())).hasValue(Files.readAllBytes(file.path()));
    }
    assertThat(fake.requests(Endpoint.FINISH_BATCH).size()).isGreaterThan(3);
    assertThat(report.deleted()).containsExactly("stale-1.xlsx", "stale-2.xlsx");
    long lastCommit = fake.requests(Endpoint.FINISH_BATCH).stream().mapToLong(LoggedRequest::respondedNanos).max()
        .orElseThrow();
    assertThat(fake.requests(Endpoint.DELETE_BATCH)).allSatisfy(r -> assertThat(r.receivedNanos()).isGreaterThan(lastCommit));
  }
}
