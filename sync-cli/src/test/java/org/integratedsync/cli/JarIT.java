package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.integratedsync.cli.internal.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar run as a process, the way users and schedulers run it. */
class JarIT {
  private static final String[] README_ARGS = {
    "--source-dir", "docs/examples/inbox", "--target-dir", "target/cred", "--skip-vestr-fees", "--skip-fee-snapshots"
  };

  @TempDir Path work;

  record Result(int exitCode, String out, String err) {}

  private Result java(List<String> jvmOptions, String... args) throws Exception {
    String jar = System.getProperty("integratedsync.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      fail("the shaded jar is missing (" + jar + "): run the tests with ./mvnw verify, which packages it first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Path out = Files.createTempFile("jar-it", ".out");
    Path err = Files.createTempFile("jar-it", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().keySet().removeIf(k -> !k.equals("PATH"));
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the jar did not finish within 120 s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Copies the sample inbox to the same relative path in the working directory. */
  private void copySampleInbox() throws IOException {
    Path target = Files.createDirectories(work.resolve("docs/examples/inbox"));
    try (Stream<Path> files = Files.list(CliRun.sampleInbox())) {
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void theReadmesFirstCommandRunsOnAFreshDirectoryWithoutConfiguration() throws Exception {
    copySampleInbox();

    Result result = java(List.of(), README_ARGS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (Stream<Path> files = Files.list(work.resolve("target/cred"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Services.SELECTED);
    }
    assertThat(result.out()).contains("[ OK ] credinvest").contains("Summary:");
    assertThat(result.err()).isEmpty();
    var summary = new ObjectMapper().readTree(work.resolve("logs/last-run.json").toFile());
    assertThat(summary.get("exitCode").asInt()).isZero();
    assertThat(summary.get("tasks").get(0).get("counts").get("uploaded").asLong()).isEqualTo(6);
  }

  @Test
  void versionComesFromTheManifestAndHelpNeedsNothing() throws Exception {
    Result version = java(List.of(), "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("integrated-sync ").doesNotContain("development build");

    Result help = java(List.of(), "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: integrated-sync", "select", "doctor", "db");
    assertThat(work.resolve("logs")).doesNotExist();
  }

  @Test
  void theLogRollsAtItsSizeLimitAndKeepsFiveBackups() throws Exception {
    copySampleInbox();
    List<String> smallLog = List.of("-Dintegratedsync.log.maxFileSize=1KB");
    for (int i = 0; i < 3; i++) {
      Result result = java(smallLog, concat("-v", README_ARGS));
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    List<String> names;
    try (Stream<Path> files = Files.list(work.resolve("logs"))) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("integrated_sync_")).sorted().toList();
    }
    String current = names.get(0);
    assertThat(names)
        .containsExactly(current, current + ".1", current + ".2", current + ".3", current + ".4", current + ".5");
    for (String name : names) {
      // the limit is checked before each line is written: a file ends at most one line past it
      assertThat(Files.size(work.resolve("logs").resolve(name))).as(name).isLessThan(3 * 1024);
    }
  }

  @Test
  void aSecondInstanceExitsThreeAtOnceWithOneLine() throws Exception {
    copySampleInbox();
    try (RunLock held = RunLock.acquire(RunLock.defaultFile(work), Instant.now())) {
      Result second = java(List.of(), README_ARGS);

      assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.ALREADY_RUNNING);
      assertThat(second.err().strip())
          .startsWith("integrated-sync: another integrated-sync run is already in progress")
          .doesNotContain("\n");
      assertThat(work.resolve("target")).doesNotExist();
      assertThat(work.resolve("download")).doesNotExist();
    }
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
