package org.integratedsync.credinvest;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.integratedsync.credinvest.internal.Selector;

/**
 * The rules that pick which INTE files to keep from a listing, with their thresholds.
 *
 * <p>Timestamps come from the file names (local date-times, compared without a time zone), never
 * from modification times. The rules apply in this order; a file skipped by one rule keeps that
 * rule's reason:
 *
 * <ol>
 *   <li><b>Latest per account and type</b>: the file with the newest timestamp is kept, the others
 *       are {@link SkipReason#SUPERSEDED}. Equal timestamps: the later modification time wins, then
 *       the greater name (then the greater size), so the result never depends on listing order.
 *   <li><b>Pair gap</b>: where an account's kept 100F and 400F are more than {@link #pairGap()} apart,
 *       only the newer is kept; the older is {@link SkipReason#PAIR_GAP}. Exactly the gap keeps both.
 *   <li><b>Staleness</b>: a kept file more than {@link #staleness()} older than the newest timestamp
 *       of any recognised file in the listing is {@link SkipReason#STALE}. Exactly the limit keeps it.
 * </ol>
 *
 * Names that do not parse ({@link InteFileName}) are {@link SkipReason#UNRECOGNISED}. Accounts are
 * compared exactly as written.
 *
 * <p>Instances are immutable and thread-safe; {@link #select(Collection)} is a pure function.
 *
 * @param pairGap the largest gap between an account's 100F and 400F that keeps both (default 1 day)
 * @param staleness the largest age behind the newest file that is still kept (default 3 days)
 */
public record SelectionRules(Duration pairGap, Duration staleness) {

  /** The default pair gap, 1 day. */
  public static final Duration DEFAULT_PAIR_GAP = Duration.ofDays(1);

  /** The default staleness limit, 3 days. */
  public static final Duration DEFAULT_STALENESS = Duration.ofDays(3);

  /**
   * Validates the thresholds.
   *
   * @throws NullPointerException if a threshold is null
   * @throws IllegalArgumentException if a threshold is negative
   */
  public SelectionRules {
    Objects.requireNonNull(pairGap, "pairGap");
    Objects.requireNonNull(staleness, "staleness");
    if (pairGap.isNegative()) {
      throw new IllegalArgumentException("pairGap is negative: " + pairGap);
    }
    if (staleness.isNegative()) {
      throw new IllegalArgumentException("staleness is negative: " + staleness);
    }
  }

  /** Returns the rules with the default thresholds: pair gap 1 day, staleness 3 days. */
  public static SelectionRules defaults() {
    return new SelectionRules(DEFAULT_PAIR_GAP, DEFAULT_STALENESS);
  }

  /**
   * Applies the rules to a listing.
   *
   * @param listing the files of one folder, in any order
   * @return every file of the listing exactly once, selected or skipped
   * @throws NullPointerException if {@code listing} or an element is null
   */
  public Selection select(Collection<ListedFile> listing) {
    return Selector.select(this, listing);
  }
}
