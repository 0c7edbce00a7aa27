package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one process run left behind: exit code, console output, and the files in its working
 * directory ({@code logs/}, {@code logs/last-run.json}), with the assertions the scenarios share.
 */
final class RunResult {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int exitCode;
  private final String stdout;
  private final String stderr;
  private final Path workDir;
  private final Duration duration;

  RunResult(int exitCode, String stdout, String stderr, Path workDir, Duration duration) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.workDir = workDir;
    this.duration = duration;
  }

  int exitCode() {
    return exitCode;
  }

  String stdout() {
    return stdout;
  }

  String stderr() {
    return stderr;
  }

  /** Returns standard output and standard error together. */
  String console() {
    return stdout + stderr;
  }

  Duration duration() {
    return duration;
  }

  Path workDir() {
    return workDir;
  }

  /** Returns {@code logs/last-run.json}, failing if the run did not write it. */
  JsonNode lastRun() {
    Path file = workDir.resolve("logs").resolve("last-run.json");
    if (!Files.isRegularFile(file)) {
      fail("no logs/last-run.json was written\n" + this);
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("logs/last-run.json is not JSON", e);
    }
  }

  /** Returns the task entry of last-run.json with this name, failing if there is none. */
  JsonNode task(String name) {
    for (JsonNode task : lastRun().path("tasks")) {
      if (name.equals(task.path("name").asText())) {
        return task;
      }
    }
    return fail("last-run.json has no task " + name + ": " + lastRun() + "\n" + this);
  }

  /** Returns every regular file below {@code logs/} (log files, backups, last-run.json). */
  List<Path> logFiles() {
    Path logs = workDir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(logs)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the text of every log file (not last-run.json, not the lock file), concatenated. */
  String logText() {
    StringBuilder text = new StringBuilder();
    for (Path file : logFiles()) {
      String name = file.getFileName().toString();
      if (name.endsWith(".log") || name.matches(".*\\.log\\.\\d+(\\.gz)?")) {
        text.append(read(file));
      }
    }
    return text.toString();
  }

  /** Asserts the exit code, showing the console when it differs. */
  RunResult assertExit(int expected) {
    assertThat(exitCode).as("exit code of\n%s", this).isEqualTo(expected);
    return this;
  }

  /**
   * Asserts that the run explained itself in one clear line: the console holds no stack trace
   * (DEBUG lines at {@code -v} may name exception classes, but never dump traces), and at least one
   * line contains every one of {@code fragments} (case-insensitively).
   */
  RunResult assertOneClearLine(String... fragments) {
    String console = console();
    assertThat(console).as("console of\n%s", this).doesNotContain("\tat ", "Caused by:");
    List<String> matching = new ArrayList<>();
    for (String line : console.split("\\R")) {
      String lower = line.toLowerCase();
      boolean all = true;
      for (String fragment : fragments) {
        all &= lower.contains(fragment.toLowerCase());
      }
      if (all) {
        matching.add(line);
      }
    }
    assertThat(matching).as("a console line containing %s in\n%s", List.of(fragments), this).isNotEmpty();
    return this;
  }

  /**
   * Asserts that a configuration or usage error was reported the documented way: exit 2, exactly
   * one line on standard error naming the setting, nothing on standard output, and nothing written
   * in the working directory but the console captures (no logs, no lock, no summary).
   */
  RunResult assertConfigurationError(String setting) {
    assertExit(2);
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("standard error of\n%s", this).hasSize(1);
    assertThat(lines.get(0)).as("the error line of\n%s", this).contains(setting);
    assertOneClearLine(setting);
    return this;
  }

  /** Asserts that none of {@code secrets} occurs in the console, any log file or last-run.json. */
  RunResult assertNoSecretsLeaked(Collection<String> secrets) {
    List<String> found = new ArrayList<>();
    for (String secret : secrets) {
      if (stdout.contains(secret)) {
        found.add("standard output contains secret " + label(secret));
      }
      if (stderr.contains(secret)) {
        found.add("standard error contains secret " + label(secret));
      }
      for (Path file : logFiles()) {
        if (read(file).contains(secret)) {
          found.add(workDir.relativize(file) + " contains secret " + label(secret));
        }
      }
    }
    assertThat(found).as("secret leaks of\n%s", this).isEmpty();
    return this;
  }

  /** Names a secret in a failure message by its first characters only. */
  private static String label(String secret) {
    return secret.substring(0, Math.min(6, secret.length())) + "…";
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + " after " + duration.toMillis() + " ms in " + workDir + "\n--- stdout\n"
        + tail(stdout) + "--- stderr\n" + tail(stderr);
  }

  private static String tail(String text) {
    int max = 6000;
    return text.length() <= max ? text : "…" + text.substring(text.length() - max);
  }
}
