package org.integratedsync.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;

/**
 * The world of scenarios 2 and 3, shared by our run and the old-tool baseline: an SFTP server
 * listing 600 files of 100 KiB (150 accounts, both types, today's and yesterday's report), of which
 * the rules select today's 300; and a Dropbox fake with 30 ms latency and write-lock contention
 * whose {@code /cred} holds yesterday's 300 files, as after yesterday's run. Not thread-safe.
 */
final class Task1Setup implements AutoCloseable {

  static final int ACCOUNTS = 150;
  static final int FILE_SIZE = 100 * 1024;
  static final String USER = "bench";
  static final String PASSWORD = "bench-password";
  static final String FOLDER = "/cred";
  static final Duration LATENCY = Duration.ofMillis(30);
  static final Duration CONTENTION_RETRY_AFTER = Duration.ofSeconds(1);

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
  private static final LocalDateTime TODAY = LocalDateTime.of(2025, 12, 15, 17, 5, 1);

  private final SftpTestServer sftp;
  private final List<String> todays = new ArrayList<>();
  private final List<String> yesterdays = new ArrayList<>();

  Task1Setup(Path sftpRoot) {
    sftp = new SftpTestServer(sftpRoot).withPasswordUser(USER, PASSWORD).start();
    for (int a = 0; a < ACCOUNTS; a++) {
      String account = Integer.toString(210_000 + a * 7);
      for (String type : new String[] {"INTE100F", "INTE400F"}) {
        for (int day = 0; day < 2; day++) {
          LocalDateTime at = TODAY.minusDays(day).plusSeconds(a % 50);
          String name = account + "-" + at.format(STAMP) + "-" + type + ".xlsx";
          sftp.writeFile(name, content(name), at.toInstant(ZoneOffset.UTC).plusSeconds(5));
          (day == 0 ? todays : yesterdays).add(name);
        }
      }
    }
  }

  /** The deterministic 100 KiB body of a file. */
  static byte[] content(String name) {
    byte[] bytes = new byte[FILE_SIZE];
    new SplittableRandom(name.hashCode()).nextBytes(bytes);
    return bytes;
  }

  SftpTestServer sftp() {
    return sftp;
  }

  /** The 300 names the rules select (today's reports). */
  List<String> expectedSelection() {
    return List.copyOf(todays);
  }

  /** A fresh Dropbox fake as yesterday's run left it, with latency and write-lock contention on. */
  FakeDropbox freshDropbox() {
    FakeDropbox dropbox = FakeDropbox.start();
    for (String name : yesterdays) {
      dropbox.putFile(FOLDER + "/" + name, content(name));
    }
    dropbox.setLatency(LATENCY);
    dropbox.setWriteLockContention(CONTENTION_RETRY_AFTER);
    // Dropbox answers delete_batch/check "complete" at once for a small batch
    dropbox.setDeletePollsBeforeComplete(0);
    return dropbox;
  }

  /**
   * Counts selected files that are missing from {@code /cred} or hold other bytes, plus files there
   * that should not be.
   */
  int lostOrWrong(FakeDropbox dropbox) {
    int problems = 0;
    for (String name : todays) {
      Optional<byte[]> stored = dropbox.content(FOLDER + "/" + name);
      if (stored.isEmpty() || !java.util.Arrays.equals(stored.get(), content(name))) {
        problems++;
      }
    }
    List<String> extra = new ArrayList<>(dropbox.fileNames(FOLDER));
    extra.removeAll(todays);
    return problems + extra.size();
  }

  @Override
  public void close() {
    sftp.close();
  }
}
