package org.integratedsync.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one task did: its outcome, counts, duration and the accounts whose files failed.
 *
 * @param name task name: {@code credinvest}, {@code vestr-fees} or {@code fee-snapshot}
 * @param outcome succeeded, failed or skipped
 * @param durationMs wall time in milliseconds
 * @param counts named counts in a stable order (files listed, uploaded, records inserted, ...)
 * @param failedAccounts files that failed, by account
 * @param message one line for the console: why it failed or was skipped, or what it did
 * @param window the booking dates of the fees fetched, or null for tasks without a fee window
 */
public record TaskResult(
    String name,
    Outcome outcome,
    long durationMs,
    Map<String, Long> counts,
    List<FailedAccount> failedAccounts,
    String message,
    FeeWindow window) {

  /**
   * The booking dates a fee task fetched, both included.
   *
   * @param from first day
   * @param to last day
   */
  public record FeeWindow(java.time.LocalDate from, java.time.LocalDate to) {
    /** Validates the fields. */
    public FeeWindow {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /** Creates a result without a fee window. */
  public TaskResult(
      String name,
      Outcome outcome,
      long durationMs,
      Map<String, Long> counts,
      List<FailedAccount> failedAccounts,
      String message) {
    this(name, outcome, durationMs, counts, failedAccounts, message, null);
  }

  /** How a task ended. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    SKIPPED;

    /** Returns the lower-case form used in last-run.json. */
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One file that did not reach its target.
   *
   * @param account account number from the file name
   * @param type file type, for example {@code INTE100F}
   * @param error why it failed
   */
  public record FailedAccount(String account, String type, String error) {
    /** Validates the fields. */
    public FailedAccount {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(type, "type");
      error = error == null ? "" : error;
    }
  }

  /** Validates and copies the fields. */
  public TaskResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    failedAccounts = List.copyOf(failedAccounts);
    message = message == null ? "" : message;
  }

  /** Returns the result of a task that did not run. */
  public static TaskResult skipped(String name, String why) {
    return new TaskResult(name, Outcome.SKIPPED, 0, Map.of(), List.of(), why);
  }
}
