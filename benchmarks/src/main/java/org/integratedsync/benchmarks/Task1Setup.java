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
import org.integratedsync.testkit.files.Xlsx;
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
  private int listed;

  Task1Setup(Path sftpRoot) {
    this(sftpRoot, 2);
  }

  /**
   * Starts an SFTP server holding {@code days} days of reports of every account (300 per day):
   * today's are selected, the older ones superseded; the Dropbox fake starts with yesterday's.
   */
  Task1Setup(Path sftpRoot, int days) {
    sftp = new SftpTestServer(sftpRoot).withPasswordUser(USER, PASSWORD).start();
    for (int a = 0; a < ACCOUNTS; a++) {
      String account = Integer.toString(210_000 + a * 7);
      for (String type : new String[] {"INTE100F", "INTE400F"}) {
        for (int day = 0; day < days; day++) {
          LocalDateTime at = TODAY.minusDays(day).plusSeconds(a % 50);
          String name = account + "-" + at.format(STAMP) + "-" + type + ".xlsx";
          sftp.writeFile(name, content(name), at.toInstant(ZoneOffset.UTC).plusSeconds(5));
          if (day == 0) {
            todays.add(name);
          } else if (day == 1) {
            yesterdays.add(name);
          }
          listed++;
        }
      }
    }
  }

  /**
   * The deterministic 100 KiB body of a file: a complete zip archive (a download that is not one
   * counts as failed), its entry random bytes so that nothing on the way can compress it.
   */
  static byte[] content(String name) {
    byte[] random = new byte[FILE_SIZE - 100];
    new SplittableRandom(name.hashCode()).nextBytes(random);
    return Xlsx.storing(random);
  }

  /** How many files the SFTP folder lists. */
  int listed() {
    return listed;
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
