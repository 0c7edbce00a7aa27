package org.integratedsync.credinvest;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Objects;

/**
 * The rules that pick which INTE files to keep from a listing, with their thresholds.
 *
 * <p>Timestamps come from the file names (local date-times, compared without a time zone), never
 * from modification times. First the <b>guards</b> set aside entries that cannot be a good report;
 * a guarded entry takes no part in the rules, so it can neither supersede a good file nor make good
 * files stale, and the account's previous report is selected instead:
 *
 * <ul>
 *   <li>{@link SkipReason#NOT_A_FILE}: named like a report but a folder, a symbolic link (never
 *       followed) or a special file;
 *   <li>{@link SkipReason#EMPTY}: a file of 0 bytes;
 *   <li>{@link SkipReason#FUTURE}: dated more than {@link #futureTolerance()} ahead of {@code now}.
 * </ul>
 *
 * Then the rules apply in this order; a file skipped by one rule keeps that rule's reason:
 *
 * <ol>
 *   <li><b>Latest per account and type</b>: the file with the newest timestamp is kept, the others
 *       are {@link SkipReason#SUPERSEDED}. Equal timestamps: the later modification time wins, then
 *       the greater name (then the greater size), so the result never depends on listing order.
 *   <li><b>Pair gap</b>: where an account's kept 100F and 400F are more than {@link #pairGap()} apart,
 *       only the newer is kept; the older is {@link SkipReason#PAIR_GAP}. Exactly the gap keeps both.
 *   <li><b>Staleness</b>: a kept file more than {@link #staleness()} older than the newest timestamp
 *       of any recognised, unguarded file in the listing is {@link SkipReason#STALE}. Exactly the
 *       limit keeps it.
 * </ol>
 *
 * Names that do not parse ({@link InteFileName}) are {@link SkipReason#UNRECOGNISED}, whatever kind
 * of entry they are. Accounts are compared exactly as written.
 *
 * <p>Instances are immutable and thread-safe; {@link #select(Collection, LocalDateTime)} is a pure
 * function.
 *
 * @param pairGap the largest gap between an account's 100F and 400F that keeps both (default 1 day)
 * @param staleness the largest age behind the newest file that is still kept (default 3 days)
 * @param futureTolerance how far ahead of the run's clock a file may be dated (default 1 day)
 */
public record SelectionRules(Duration pairGap, Duration staleness, Duration futureTolerance) {

  /** The default pair gap, 1 day. */
  public static final Duration DEFAULT_PAIR_GAP = Duration.ofDays(1);

  /** The default staleness limit, 3 days. */
  public static final Duration DEFAULT_STALENESS = Duration.ofDays(3);

  /** The default future tolerance, 1 day. */
  public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofDays(1);

  /**
   * Validates the thresholds.
   *
   * @throws NullPointerException if a threshold is null
   * @throws SourceConfigurationException if a threshold is negative (naming it)
   */
  public SelectionRules {
    Objects.requireNonNull(pairGap, "pairGap");
    Objects.requireNonNull(staleness, "staleness");
    Objects.requireNonNull(futureTolerance, "futureTolerance");
    if (pairGap.isNegative()) {
      throw new SourceConfigurationException("pairGap", "pairGap is negative: " + pairGap);
    }
    if (staleness.isNegative()) {
      throw new SourceConfigurationException("staleness", "staleness is negative: " + staleness);
    }
    if (futureTolerance.isNegative()) {
      throw new SourceConfigurationException("futureTolerance", "futureTolerance is negative: " + futureTolerance);
    }
  }

  /**
   * Creates rules with the given pair gap and staleness and the default future tolerance.
   *
   * @throws NullPointerException if a threshold is null
   * @throws SourceConfigurationException if a threshold is negative (naming it)
   */
  public SelectionRules(Duration pairGap, Duration staleness) {
    this(pairGap, staleness, DEFAULT_FUTURE_TOLERANCE);
  }

  /** Returns the rules with the default thresholds: pair gap 1 day, staleness 3 days, future 1 day. */
  public static SelectionRules defaults() {
    return new SelectionRules(DEFAULT_PAIR_GAP, DEFAULT_STALENESS, DEFAULT_FUTURE_TOLERANCE);
  }

  /**
   * Returns a copy with another future tolerance.
   *
   * @throws NullPointerException if {@code tolerance} is null
   * @throws SourceConfigurationException if {@code tolerance} is negative
   */
  public SelectionRules withFutureTolerance(Duration tolerance) {
    return new SelectionRules(pairGap, staleness, tolerance);
  }

  /**
   * Applies the guards and rules to a listing.
   *
   * @param listing the entries of one folder, in any order
   * @param now the run's clock as a local date-time (the machine's own), against which {@link
   *     SkipReason#FUTURE} is judged
   * @return every entry of the listing exactly once, selected or skipped
   * @throws NullPointerException if {@code listing}, an element or {@code now} is null
   */
  public Selection select(Collection<ListedFile> listing, LocalDateTime now) {
    return Selector.select(this, listing, Objects.requireNonNull(now, "now"));
  }
}
