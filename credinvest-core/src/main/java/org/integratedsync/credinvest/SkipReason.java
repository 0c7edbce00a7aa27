package org.integratedsync.credinvest;

/**
 * Why the selection left an entry out. The guards ({@link #NOT_A_FILE}, {@link #EMPTY}, {@link
 * #FUTURE}) apply before the rules, and the rules apply in this order.
 */
public enum SkipReason {
  /** The name does not follow the INTE pattern; such a file is never downloaded. */
  UNRECOGNISED,
  /**
   * Guard: named like a report but not a regular file (a folder, a symbolic link — never followed —
   * or a special file).
   */
  NOT_A_FILE,
  /** Guard: a report of 0 bytes, which is never a report. */
  EMPTY,
  /** Guard: dated more than the future tolerance ahead of the run's clock. */
  FUTURE,
  /** A newer file of the same account and type exists (rule 1). */
  SUPERSEDED,
  /** The account's other type is more than the pair gap newer (rule 2). */
  PAIR_GAP,
  /** More than the staleness limit older than the newest recognised file in the listing (rule 3). */
  STALE;

  /**
   * Whether this is a guard ({@link #NOT_A_FILE}, {@link #EMPTY}, {@link #FUTURE}): an entry set aside
   * before the rules, which takes no part in them.
   */
  public boolean isGuard() {
    return this == NOT_A_FILE || this == EMPTY || this == FUTURE;
  }

  /** Whether this is a rule that compares files ({@link #SUPERSEDED}, {@link #PAIR_GAP}, {@link #STALE}). */
  public boolean isRule() {
    return this == SUPERSEDED || this == PAIR_GAP || this == STALE;
  }
}
