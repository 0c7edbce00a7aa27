package org.integratedsync.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The summary of one run: what each task did, printed on the console, logged, and written as
 * {@code last-run.json} for monitoring.
 *
 * @param startedAt when the run started
 * @param finishedAt when it finished
 * @param exitCode the process exit code
 * @param dryRun whether nothing was changed on purpose
 * @param tasks one result per task, in the order they run
 * @param configurationError the one-line configuration or usage error that stopped the run before
 *     any task, or null
 */
public record RunReport(
    Instant startedAt,
    Instant finishedAt,
    int exitCode,
    boolean dryRun,
    List<TaskResult> tasks,
    String configurationError) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates and copies the fields. */
  public RunReport {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    tasks = List.copyOf(tasks);
  }

  /** Creates the report of a run whose tasks ran. */
  public RunReport(Instant startedAt, Instant finishedAt, int exitCode, boolean dryRun, List<TaskResult> tasks) {
    this(startedAt, finishedAt, exitCode, dryRun, tasks, null);
  }

  /** Returns the report of a run stopped by a configuration error (exit 2) before any task. */
  public static RunReport configurationError(Instant startedAt, Instant finishedAt, boolean dryRun, String line) {
    return new RunReport(startedAt, finishedAt, 2, dryRun, List.of(), Objects.requireNonNull(line, "line"));
  }

  /** Returns the run's outcome: {@code succeeded}, {@code failed} or {@code configuration-error}. */
  public String outcome() {
    if (configurationError != null) {
      return "configuration-error";
    }
    return exitCode == 0 ? "succeeded" : "failed";
  }

  /** Returns the exit code the task results call for: 1 if any task failed, else 0. */
  public static int exitCodeOf(List<TaskResult> tasks) {
    boolean failed =
        tasks.stream()
            .anyMatch(
                t -> t.outcome() == TaskResult.Outcome.FAILED || !t.failedAccounts().isEmpty());
    return failed ? 1 : 0;
  }

  /** Returns the JSON form, exactly the shape monitoring reads. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("startedAt", startedAt.truncatedTo(ChronoUnit.MILLIS).toString());
    root.put("finishedAt", finishedAt.truncatedTo(ChronoUnit.MILLIS).toString());
    root.put("exitCode", exitCode);
    root.put("dryRun", dryRun);
    root.put("outcome", outcome());
    if (configurationError != null) {
      root.put("error", configurationError);
    }
    ArrayNode array = root.putArray("tasks");
    for (TaskResult task : tasks) {
      ObjectNode node = array.addObject();
      node.put("name", task.name());
      node.put("outcome", task.outcome().json());
      if (task.outcome() != TaskResult.Outcome.SUCCEEDED && !task.message().isBlank()) {
        node.put("reason", task.message());
      } else if (task.outcome() != TaskResult.Outcome.SUCCEEDED) {
        node.put(
            "reason",
            task.outcome() == TaskResult.Outcome.FAILED
                ? task.failedAccounts().size() + " file(s) did not reach the target"
                : "skipped");
      }
      node.put("message", task.message());
      node.put("durationMs", task.durationMs());
      if (task.window() != null) {
        ObjectNode window = node.putObject("window");
        window.put("from", task.window().from().toString());
        window.put("to", task.window().to().toString());
      }
      ObjectNode counts = node.putObject("counts");
      task.counts().forEach(counts::put);
      ArrayNode failed = node.putArray("failedAccounts");
      for (TaskResult.FailedAccount account : task.failedAccounts()) {
        ObjectNode entry = failed.addObject();
        entry.put("account", account.account());
        entry.put("type", account.type());
        entry.put("error", account.error());
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the run summary as JSON", e);
    }
  }

  /**
   * Writes the JSON form to {@code file}, replacing it atomically so a reader never sees half a
   * file: the text goes into a temporary file created new (never through a link) and readable by
   * other accounts (0644 where the system has POSIX permissions; the summary holds no secret), which
   * is then renamed over {@code file} (a link at that name is replaced, not followed).
   *
   * @throws IOException if the file cannot be written
   */
  public void write(Path file, SecretMasker masker) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system (Windows): the folder's permissions apply
      }
      Files.writeString(tmp, masker.mask(toJson()) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Returns the summary lines for the console and the log. */
  public List<String> lines() {
    List<String> lines = new java.util.ArrayList<>();
    if (configurationError != null) {
      lines.add("Summary: configuration error, nothing was run: " + configurationError);
      return lines;
    }
    lines.add("Summary" + (dryRun ? " (dry run: nothing was changed)" : "") + ":");
    for (TaskResult task : tasks) {
      String counts =
          task.counts().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" "));
      StringBuilder line =
          new StringBuilder()
              .append("  ")
              .append(marker(task.outcome()))
              .append(' ')
              .append(String.format("%-13s", task.name()))
              .append(' ')
              .append(String.format("%-9s", task.outcome().json()));
      if (task.outcome() != TaskResult.Outcome.SKIPPED) {
        line.append(" in ").append(String.format("%-8s", formatDuration(task.durationMs())));
      }
      if (!counts.isEmpty()) {
        line.append(" ").append(counts);
      }
      if (!task.message().isBlank()) {
        line.append(counts.isEmpty() ? " " : " - ").append(task.message());
      }
      lines.add(line.toString());
    }
    List<TaskResult.FailedAccount> failed =
        tasks.stream().flatMap(t -> t.failedAccounts().stream()).toList();
    if (!failed.isEmpty()) {
      lines.add(
          "Failed account numbers: "
              + failed.stream()
                  .map(f -> f.account() + " (" + f.type() + ")")
                  .distinct()
                  .collect(Collectors.joining(", ")));
    }
    return lines;
  }

  /** Prints {@link #lines()}. */
  public void print(PrintWriter out) {
    lines().forEach(out::println);
    out.flush();
  }

  static String marker(TaskResult.Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> "[ OK ]";
      case FAILED -> "[FAIL]";
      case SKIPPED -> "[SKIP]";
    };
  }

  static String formatDuration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }
}
