package org.integratedsync.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command reads from the world around it: environment variables, the working directory,
 * the clock and whether a person is watching the console.
 *
 * <p>Production code uses {@link #system()}; tests pass their own values so that no test depends
 * on the machine's environment, working directory or time. Instances are immutable and thread-safe.
 *
 * @param environment environment variables (copied)
 * @param workingDirectory folder against which relative paths (download folder, logs, properties
 *     file) are resolved; made absolute
 * @param clock source of the current time
 * @param interactive whether the console is a terminal, which turns on progress display
 */
public record CliEnvironment(
    Map<String, String> environment, Path workingDirectory, Clock clock, boolean interactive) {

  /**
   * Validates and copies the arguments.
   *
   * @throws NullPointerException if any argument is null
   */
  public CliEnvironment {
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath();
    Objects.requireNonNull(clock, "clock");
  }

  /** Returns the environment of this process: its variables, working directory and system clock. */
  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(), Path.of(""), Clock.systemDefaultZone(), System.console() != null);
  }

  /** Returns a copy with another set of environment variables. */
  public CliEnvironment withEnvironment(Map<String, String> variables) {
    return new CliEnvironment(variables, workingDirectory, clock, interactive);
  }
}
