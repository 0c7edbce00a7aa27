package org.integratedsync.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand shares: the properties file and verbosity. */
public final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with KEY=value settings (default: ./integrated-sync.properties).")
  Path config;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show DEBUG lines on the console.")
  boolean verbose;

  /** Returns the {@code --config} file, or null. */
  public Path config() {
    return config;
  }

  /** Returns whether {@code -v} was given. */
  public boolean verbose() {
    return verbose;
  }
}
