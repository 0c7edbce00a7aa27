package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path work;

  @Test
  void aSecondHolderIsRefusedUntilTheFirstReleases() {
    Path file = RunLock.defaultFile(work);
    Instant now = Instant.parse("2025-12-15T16:10:00Z");

    try (RunLock first = RunLock.acquire(file, now)) {
      assertThatThrownBy(() -> RunLock.acquire(file, now))
          .isInstanceOf(AlreadyRunningException.class)
          .hasMessageContaining("another integrated-sync run is already in progress")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining(file.toString());
    }
    try (RunLock again = RunLock.acquire(file, now)) {
      assertThat(file).exists();
    }
  }

  @Test
  void aLockFileLeftBehindDoesNotBlock() throws Exception {
    Path file = RunLock.defaultFile(work);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "pid 999999 since 2025-12-14T16:10:00Z\n");

    try (RunLock lock = RunLock.acquire(file, Instant.parse("2025-12-15T16:10:00Z"))) {
      assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid());
    }
  }

  @Test
  void aLinkAtTheLockFileIsRefusedAndItsTargetKeptByteForByte() throws Exception {
    Path victim = work.resolve("victim.txt");
    byte[] content = "precious\nbytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(victim, content);
    Path lock = RunLock.defaultFile(work);
    Files.createDirectories(lock.getParent());
    Files.createSymbolicLink(lock, victim);

    assertThatThrownBy(() -> RunLock.acquire(lock, Instant.EPOCH))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is a symbolic link");

    assertThat(Files.readAllBytes(victim)).isEqualTo(content);
    assertThat(Files.isSymbolicLink(lock)).isTrue();
  }

  @Test
  void aLockFileThatCannotBeWrittenSaysWhoOwnsIt() {
    assertThat(RunFiles.notWritable(work)).matches(
        "not writable \\(permission denied\\)|owned by .+, not writable by this account");
  }
}
