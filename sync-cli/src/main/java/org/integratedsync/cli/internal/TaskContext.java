package org.integratedsync.cli.internal;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a running task may use and what it reports: the clock, the dry-run flag, the console for
 * progress, and the counts and failed accounts it records. One per task run; not thread-safe
 * unless noted.
 */
public final class TaskContext {
  private final Clock clock;
  private final boolean dryRun;
  private final Progress progress;
  private final SecretMasker masker;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final List<TaskResult.FailedAccount> failedAccounts = new ArrayList<>();
  private String message = "";
  private TaskResult.FeeWindow window;

  /** Creates a context. */
  public TaskContext(Clock clock, boolean dryRun, Progress progress, SecretMasker masker) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dryRun = dryRun;
    this.progress = Objects.requireNonNull(progress, "progress");
    this.masker = Objects.requireNonNull(masker, "masker");
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /** Returns whether the task must only decide and report. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Returns the progress display for long transfers. */
  public Progress progress() {
    return progress;
  }

  /** Returns the masker, to which secrets learned during the run (tokens) can be added. */
  public SecretMasker masker() {
    return masker;
  }

  /** Sets a count, replacing an earlier value. */
  public void count(String name, long value) {
    counts.put(name, value);
  }

  /** Returns the counts recorded so far. */
  public Map<String, Long> counts() {
    return counts;
  }

  /** Records a file that did not reach its target. */
  public void failed(String account, String type, String error) {
    failedAccounts.add(new TaskResult.FailedAccount(account, type, masker.mask(error)));
  }

  /**
   * Records a file that did not reach its target unless its account and type are recorded already:
   * used when a whole step fails, so every selected file that did not land is named once.
   */
  public void failedUnlessRecorded(String account, String type, String error) {
    boolean recorded =
        failedAccounts.stream().anyMatch(f -> f.account().equals(account) && f.type().equals(type));
    if (!recorded) {
      failed(account, type, error);
    }
  }

  /** Records the booking dates a fee task fetches, for the summary and last-run.json. */
  public void window(java.time.LocalDate from, java.time.LocalDate to) {
    this.window = new TaskResult.FeeWindow(from, to);
  }

  /** Returns the fee window, or null. */
  public TaskResult.FeeWindow window() {
    return window;
  }

  /** Returns the failed accounts recorded so far. */
  public List<TaskResult.FailedAccount> failedAccounts() {
    return failedAccounts;
  }

  /** Sets the one-line note shown with the task's summary line. */
  public void message(String text) {
    this.message = text == null ? "" : text;
  }

  /** Returns the note. */
  public String message() {
    return message;
  }
}
