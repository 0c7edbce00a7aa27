package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private static final String SECRET = "Zebra-Secret-4711";

  @TempDir Path work;

  @Test
  void masksSecretsInMessagesArgumentsAndStackTracesOfAnyLogger() throws Exception {
    StringWriter console = new StringWriter();
    Path file = work.resolve("logs").resolve("test.log");
    try (LogSetup setup =
        LogSetup.configure(new PrintWriter(console), true, file, "10MB", new SecretMasker(List.of(SECRET)))) {
      Logger ours = LoggerFactory.getLogger("org.integratedsync.cli.Test");
      Logger theirs = LoggerFactory.getLogger("com.example.library.Client");
      ours.info("password is " + SECRET);
      ours.debug("argument {}", SECRET);
      theirs.warn("failed", new IllegalStateException("token " + SECRET, new RuntimeException(SECRET)));
    }

    String log = Files.readString(file);
    assertThat(log)
        .contains("password is ****", "argument ****", "IllegalStateException: token ****", "Caused by")
        .doesNotContain(SECRET);
    assertThat(console.toString())
        .contains("password is ****", "argument ****", "WARN  failed")
        // no stack traces on the console
        .doesNotContain("IllegalStateException", SECRET);
  }

  @Test
  void consoleShowsDebugOnlyWhenVerbose() {
    StringWriter console = new StringWriter();
    try (LogSetup setup = LogSetup.configure(new PrintWriter(console), false, null, "10MB", new SecretMasker())) {
      Logger logger = LoggerFactory.getLogger("org.integratedsync.cli.Test");
      logger.debug("hidden detail");
      logger.info("visible line");
    }

    assertThat(console.toString()).contains("visible line").doesNotContain("hidden detail");
  }

  @Test
  void withoutVerboseTheConsoleShowsOnlyOurLinesWhileTheFileKeepsLibraryErrors() throws Exception {
    StringWriter console = new StringWriter();
    Path file = work.resolve("quiet.log");
    try (LogSetup setup = LogSetup.configure(new PrintWriter(console), false, file, "10MB", new SecretMasker())) {
      LoggerFactory.getLogger("net.schmizz.sshj.transport.TransportImpl").error("Dying because - host key");
      LoggerFactory.getLogger("org.integratedsync.cli.Test").error("host key of sftp.example refused");
    }

    assertThat(console.toString()).contains("host key of sftp.example refused").doesNotContain("Dying because");
    assertThat(Files.readString(file)).contains("Dying because", "host key of sftp.example refused");
  }

  @Test
  void thirdPartyDebugIsKeptOutOfTheFile() throws Exception {
    Path file = work.resolve("x.log");
    try (LogSetup setup = LogSetup.configure(new PrintWriter(new StringWriter()), true, file, "10MB", new SecretMasker())) {
      LoggerFactory.getLogger("org.apache.sshd.common.Something").info("sshd chatter");
      LoggerFactory.getLogger("org.integratedsync.cli.Test").debug("our detail");
    }

    assertThat(Files.readString(file)).contains("our detail").doesNotContain("sshd chatter");
  }

  @Test
  void theFileRollsAtItsSizeLimitAndKeepsFiveBackups() throws Exception {
    Path file = work.resolve("logs").resolve("integrated_sync_20251215.log");
    try (LogSetup setup =
        LogSetup.configure(new PrintWriter(new StringWriter()), false, file, "1KB", new SecretMasker())) {
      Logger logger = LoggerFactory.getLogger("org.integratedsync.cli.Test");
      for (int i = 0; i < 400; i++) {
        logger.debug("line {} of a log that grows well beyond its limit", i);
      }
    }

    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "integrated_sync_20251215.log",
              "integrated_sync_20251215.log.1",
              "integrated_sync_20251215.log.2",
              "integrated_sync_20251215.log.3",
              "integrated_sync_20251215.log.4",
              "integrated_sync_20251215.log.5");
    }
    // the newest lines are in the current file, the oldest ones are gone
    assertThat(Files.readString(file)).contains("line 399 ");
    for (int i = 1; i <= 5; i++) {
      assertThat(Files.size(file.resolveSibling(file.getFileName() + "." + i))).isLessThan(2048);
      assertThat(Files.readString(file.resolveSibling(file.getFileName() + "." + i))).doesNotContain("line 0 ");
    }
  }

  @Test
  void defaultFileIsNamedAfterTheDay() {
    assertThat(LogSetup.defaultLogFile(work, java.time.LocalDate.of(2025, 12, 5)))
        .isEqualTo(work.resolve("logs").resolve("integrated_sync_20251205.log"));
  }
}
