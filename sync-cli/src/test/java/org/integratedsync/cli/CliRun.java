package org.integratedsync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command in this JVM with a given environment and captures what it prints. */
final class CliRun {
  /** The fixed time in-process runs see: 2025-12-15 17:30 in Zurich. */
  static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-12-15T16:30:00Z"), ZoneId.of("Europe/Zurich"));

  final int exitCode;
  final String out;
  final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static CliRun run(Path workingDirectory, Map<String, String> env, String... args) {
    return run(new CliEnvironment(env, workingDirectory, CLOCK, false), args);
  }

  static CliRun run(CliEnvironment environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = IntegratedSync.createCommandLine(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static Map<String, String> env(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** Returns the sample inbox shipped in docs/examples/inbox. */
  static Path sampleInbox() {
    Path module = Path.of("").toAbsolutePath();
    Path inbox = module.resolveSibling("docs").resolve("examples").resolve("inbox");
    if (!inbox.toFile().isDirectory()) {
      inbox = module.resolve("docs").resolve("examples").resolve("inbox");
    }
    return inbox;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
