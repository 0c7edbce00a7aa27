package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.integratedsync.testkit.files.Xlsx;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server going away for good: once one reconnect cycle has failed, every remaining file fails
 * at once (the circuit breaker), whatever the number of files; nothing is left half-written; the
 * next operation tries again; closing never waits a backoff out. Waits go through the recording
 * sleeper, so nothing here sleeps for real.
 */
class SftpOutageTest {
  private static final String PASSWORD = "outage-" + System.nanoTime();
  private static final Instant MTIME = Instant.parse("2025-12-15T16:05:01Z");

  @RegisterExtension
  static final SftpTestServer SERVER = new SftpTestServer().withPasswordUser("carol", PASSWORD);

  @TempDir Path tmp;

  private SftpSettings settings(String dir, int parallelism) {
    return SftpSettings.builder(SERVER.host(), "carol")
        .port(SERVER.port())
        .password(PASSWORD)
        .hostKeyFingerprint(SERVER.hostKeyFingerprint())
        .remoteDir(dir)
        .parallelism(parallelism)
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(5))
        .build();
  }

  private static List<String> writeFiles(String dir, int count, int size) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = (300_000 + i) + "-20251215170501-INTE100F.xlsx";
      SERVER.writeFile(dir + "/" + name, Xlsx.ofSize(name, size), MTIME);
      names.add(name);
    }
    return names;
  }

  private static List<String> filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aServerGoneBeforeTheDownloadFailsEveryFileAfterOneBackoffCycle() throws IOException {
    List<String> names = writeFiles("before", 40, 2_000);
    Path target = tmp.resolve("download");
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    try (SftpSource source = new SftpSource(settings("before", 4), sleeps::add)) {
      List<ListedFile> listing = source.list();
      SERVER.stop();
      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).hasSize(40);
      assertThat(report.failed()).extracting(r -> r.file().name()).containsExactlyInAnyOrderElementsOf(names);
      assertThat(report.failed()).allSatisfy(r -> assertThat(r.error().getMessage())
          .startsWith("cannot connect to SFTP server 127.0.0.1:" + SERVER.port())
          .endsWith("(gave up after 3 attempts)"));
    } finally {
      SERVER.start();
    }
    // one cycle for all 40 files, not one per file
    assertThat(sleeps).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));
    assertThat(filesIn(target)).isEmpty();
  }

  @Test
  void aServerGoneMidRunFailsTheRemainingFilesAfterOneBackoffCycle() throws IOException {
    List<String> names = writeFiles("during", 40, 60_000);
    Path target = tmp.resolve("download");
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    DownloadReport report;
    try (SftpSource source = new SftpSource(settings("during", 4), sleeps::add)) {
      List<ListedFile> listing = source.list();
      SERVER.stopAfterBytesRead(600_000);
      report = source.download(listing, target);
    } finally {
      SERVER.start();
    }

    assertThat(report.downloaded().size() + report.failed().size()).isEqualTo(40);
    assertThat(report.failed()).hasSizeGreaterThan(20);
    // a read in flight when the server stops may end with the server's own "General failure"; the
    // files still queued fail with the reason the breaker opened for
    assertThat(report.failed()).allSatisfy(r -> assertThat(r.error().getMessage()).isNotBlank());
    assertThat(report.failed()).filteredOn(r -> r.error().getMessage().endsWith("(gave up after 3 attempts)"))
        .hasSizeGreaterThan(15);
    // four connections dropped at once, one reconnect cycle answered for all of them
    assertThat(sleeps).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));
    // every file under a final name is complete; no .part file is left
    for (String present : filesIn(target)) {
      assertThat(names).contains(present);
      assertThat(Files.readAllBytes(target.resolve(present))).isEqualTo(Xlsx.ofSize(present, 60_000));
    }
    assertThat(filesIn(target)).hasSize(report.downloaded().size());
  }

  @Test
  void connectAfterAFailedDownloadTriesAgainInsteadOfRethrowingTheOldFailure() {
    writeFiles("again", 2, 2_000);
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    try (SftpSource source = new SftpSource(settings("again", 2), sleeps::add)) {
      List<ListedFile> listing = source.list();
      SERVER.stop();
      try {
        assertThat(source.download(listing, tmp.resolve("download")).failed()).hasSize(2);
      } finally {
        SERVER.start();
      }

      assertThat(source.connect()).isEqualTo(SERVER.hostKeyFingerprint());
      assertThat(source.list()).hasSize(2);
    }
  }

  @Test
  void closeDuringABackoffReturnsWithoutWaitingItOut() throws Exception {
    writeFiles("close", 1, 2_000);
    CountDownLatch sleeping = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SftpSource source = new SftpSource(settings("close", 1), wait -> {
      sleeping.countDown();
      release.await(); // a backoff that lasts until the test ends it
    });
    List<ListedFile> listing = source.list();
    SERVER.stop();
    try {
      CompletableFuture<DownloadReport> download =
          CompletableFuture.supplyAsync(() -> source.download(listing, tmp.resolve("download")));
      assertThat(sleeping.await(30, TimeUnit.SECONDS)).as("the download waits to reconnect").isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(source::close);
      closing.get(30, TimeUnit.SECONDS); // returns while the backoff is still running

      assertThat(download).isNotDone();
      release.countDown();
      DownloadReport report = download.get(30, TimeUnit.SECONDS);
      assertThat(report.failed()).singleElement().satisfies(r -> assertThat(r.error().getMessage())
          .contains("closed while waiting to reconnect"));
    } finally {
      release.countDown();
      SERVER.start();
    }
    assertThat(filesIn(tmp.resolve("download"))).isEmpty();
  }
}
