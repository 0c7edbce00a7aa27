package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the shaded jar as a separate process, the way a scheduler does: {@code java -jar
 * integrated-sync.jar ARGS} with only the environment the test gives it (plus PATH, a private home
 * and UTC as time zone), in a working directory of the test's choosing. Standard output and error
 * go to files, so a chatty run can never block on a full pipe.
 *
 * <p>The jar is found through the {@code integratedsync.jar} system property that the module's
 * failsafe configuration sets to the build directory's jar. Not thread-safe; one instance per run.
 */
final class CliProcess {
  /** The default longest time a run may take before the test kills it and fails. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path workDir;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();
  private final List<String> launcher = new ArrayList<>();
  private Duration timeout = DEFAULT_TIMEOUT;

  private CliProcess(Path workDir) {
    this.workDir = workDir;
  }

  /** Starts describing a run in {@code workDir} (created if missing). */
  static CliProcess in(Path workDir) {
    return new CliProcess(workDir);
  }

  /** Returns the shaded jar, failing with a clear message when it was not built. */
  static Path jar() {
    String property = System.getProperty("integratedsync.jar");
    if (property == null || property.isBlank()) {
      fail("system property integratedsync.jar is not set: run these tests with"
          + " './mvnw verify' (maven-failsafe-plugin sets it to sync-cli's shaded jar after 'package')");
    }
    Path jar = Path.of(property);
    if (!Files.isRegularFile(jar)) {
      fail("the shaded jar " + jar + " does not exist: these tests run after 'package' (./mvnw verify)");
    }
    return jar;
  }

  CliProcess env(Map<String, String> variables) {
    env.putAll(variables);
    return this;
  }

  CliProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliProcess args(String... more) {
    args.addAll(List.of(more));
    return this;
  }

  /** Starts {@code java} through these words (for example {@code unshare …}); none by default. */
  CliProcess launcher(List<String> words) {
    launcher.addAll(words);
    return this;
  }

  CliProcess timeout(Duration value) {
    this.timeout = value;
    return this;
  }

  /** Runs to the end (or fails the test after the timeout) and returns the outcome. */
  RunResult run() {
    return start().await();
  }

  /** Starts the process and returns at once. */
  Running start() {
    try {
      Files.createDirectories(workDir);
      // console captures live beside the working directory, so they never count as files the run wrote
      Path captures = Files.createDirectories(workDir.resolveSibling(workDir.getFileName() + "-console"));
      int run = RUNS.incrementAndGet();
      Path stdout = captures.resolve("run" + run + ".out");
      Path stderr = captures.resolve("run" + run + ".err");
      Path home = Files.createDirectories(captures.resolve("home"));
      List<String> command = new ArrayList<>(launcher);
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // small, quick-starting JVMs: the machine runs several builds at once
      command.add("-XX:+UseSerialGC");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-Xmx256m");
      command.add("-Duser.home=" + home);
      command.add("-jar");
      command.add(jar().toString());
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      Map<String, String> environment = builder.environment();
      environment.clear();
      String path = System.getenv("PATH");
      environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
      environment.put("HOME", home.toString());
      environment.put("TZ", "UTC");
      environment.put("LANG", "C.UTF-8");
      environment.putAll(env);
      long started = System.nanoTime();
      Process process = builder.start();
      return new Running(process, workDir, stdout, stderr, started, timeout, List.copyOf(command));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar(), e);
    }
  }

  /** A started process. */
  static final class Running {
    private final Process process;
    private final Path workDir;
    private final Path stdout;
    private final Path stderr;
    private final long startedNanos;
    private final Duration timeout;
    private final List<String> command;

    private Running(
        Process process, Path workDir, Path stdout, Path stderr, long startedNanos, Duration timeout,
        List<String> command) {
      this.process = process;
      this.workDir = workDir;
      this.stdout = stdout;
      this.stderr = stderr;
      this.startedNanos = startedNanos;
      this.timeout = timeout;
      this.command = command;
    }

    Process process() {
      return process;
    }

    /** Returns what the process has written to standard output so far. */
    String stdoutSoFar() {
      return read(stdout);
    }

    /** Returns the time since the process was started. */
    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Kills the process with SIGKILL (no shutdown hooks run) and waits for it to be gone. */
    RunResult kill() {
      process.destroyForcibly();
      return await();
    }

    /** Waits for the end; kills the process and fails the test if it outlives the timeout. */
    RunResult await() {
      try {
        long left = timeout.toNanos() - (System.nanoTime() - startedNanos);
        if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
          fail("integrated-sync did not finish within " + timeout + ": " + command + "\n--- stdout\n"
              + read(stdout) + "--- stderr\n" + read(stderr));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException("interrupted while waiting for integrated-sync", e);
      }
      return new RunResult(process.exitValue(), read(stdout), read(stderr), workDir, elapsed());
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
