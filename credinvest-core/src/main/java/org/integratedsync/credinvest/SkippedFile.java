package org.integratedsync.credinvest;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.integratedsync.credinvest.internal.Texts;

/**
 * A file the selection rules left out, with the reason code and, for the rules that compare files,
 * the file that beat it.
 *
 * <p>Instances are immutable and thread-safe; {@link #detail()} builds its sentence on each call.
 */
public final class SkippedFile {

  private final ListedFile listed;
  private final SkipReason reason;
  private final InteFile inteFile;
  private final InteFile beatenBy;
  private final ListedFile beatenByListed;
  private final Duration limit;
  private final String fixedDetail;

  private SkippedFile(ListedFile listed, SkipReason reason, InteFile inteFile, InteFile beatenBy,
      ListedFile beatenByListed, Duration limit, String fixedDetail) {
    this.listed = Objects.requireNonNull(listed, "listed");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.inteFile = inteFile;
    this.beatenBy = beatenBy;
    this.beatenByListed = beatenByListed;
    this.limit = limit;
    this.fixedDetail = fixedDetail;
  }

  /**
   * Creates the entry for a file whose name is not recognised.
   *
   * @param listed the file
   * @param why the parser's reason, e.g. {@code timestamp 20251301 is not a date}
   */
  static SkippedFile unrecognised(ListedFile listed, String why) {
    return new SkippedFile(listed, SkipReason.UNRECOGNISED, null, null, null, null,
        Objects.requireNonNull(why, "why"));
  }

  /**
   * Creates the entry for an entry set aside by a guard before the rules.
   *
   * @param listed the entry
   * @param inteFile its parsed name
   * @param reason {@link SkipReason#NOT_A_FILE}, {@link SkipReason#EMPTY} or {@link SkipReason#FUTURE}
   * @param why the sentence, e.g. {@code a symbolic link, never followed}
   * @throws IllegalArgumentException if {@code reason} is not a guard
   */
  static SkippedFile guarded(ListedFile listed, InteFile inteFile, SkipReason reason, String why) {
    if (!reason.isGuard()) {
      throw new IllegalArgumentException("not a guard: " + reason);
    }
    return new SkippedFile(listed, reason, Objects.requireNonNull(inteFile, "inteFile"), null, null, null,
        Objects.requireNonNull(why, "why"));
  }

  /**
   * Creates the entry for a recognised file beaten by another under rule {@code reason}.
   *
   * @param listed the file
   * @param inteFile its parsed name
   * @param reason {@link SkipReason#SUPERSEDED}, {@link SkipReason#PAIR_GAP} or {@link SkipReason#STALE}
   * @param winner the file that beat it, as listed
   * @param winnerFile the winner's parsed name
   * @param limit the threshold exceeded (pair gap or staleness limit); ignored for {@code SUPERSEDED}
   * @throws IllegalArgumentException if {@code reason} is not one of those three
   */
  static SkippedFile beaten(ListedFile listed, InteFile inteFile, SkipReason reason,
      ListedFile winner, InteFile winnerFile, Duration limit) {
    if (!reason.isRule()) {
      throw new IllegalArgumentException("not a rule that compares files: " + reason);
    }
    return new SkippedFile(listed, reason, Objects.requireNonNull(inteFile, "inteFile"),
        Objects.requireNonNull(winnerFile, "winnerFile"), Objects.requireNonNull(winner, "winner"),
        limit, null);
  }

  /** Returns the file as listed. */
  public ListedFile listed() {
    return listed;
  }

  /** Returns the file name. */
  public String name() {
    return listed.name();
  }

  /** Returns the reason code. */
  public SkipReason reason() {
    return reason;
  }

  /** Returns the parsed name, empty for an {@link SkipReason#UNRECOGNISED} entry. */
  public Optional<InteFile> inteFile() {
    return Optional.ofNullable(inteFile);
  }

  /** Returns the file that beat this one, empty for an unrecognised or guarded entry. */
  public Optional<InteFile> beatenBy() {
    return Optional.ofNullable(beatenBy);
  }

  /**
   * Returns the reason as a sentence naming the file that beat it, e.g. {@code older than 123456 400F
   * of 2025-12-15 17:05 by 2 days (pair gap 1 day)}.
   */
  public String detail() {
    switch (reason) {
      case UNRECOGNISED:
      case NOT_A_FILE:
      case EMPTY:
      case FUTURE:
        return fixedDetail;
      case SUPERSEDED:
        if (beatenBy.timestamp().isAfter(inteFile.timestamp())) {
          return "superseded by " + describe(beatenBy) + ", newer by " + between();
        }
        String why;
        if (beatenByListed.mtime().isAfter(listed.mtime())) {
          why = "which was modified later";
        } else if (!beatenBy.name().equals(inteFile.name())) {
          why = "whose name sorts after it";
        } else {
          why = "a duplicate listing entry";
        }
        return "same timestamp as " + beatenBy.name() + ", " + why;
      case PAIR_GAP:
        return "older than " + describe(beatenBy) + " by " + between()
            + " (more than the pair gap of " + Texts.duration(limit) + ")";
      case STALE:
        return "older than " + describe(beatenBy) + ", the newest file, by " + between()
            + " (more than the staleness limit of " + Texts.duration(limit) + ")";
      default:
        throw new AssertionError(reason);
    }
  }

  private String between() {
    return Texts.duration(Duration.ofSeconds(
        inteFile.timestamp().until(beatenBy.timestamp(), ChronoUnit.SECONDS)));
  }

  private static String describe(InteFile file) {
    return file.label() + " of " + Texts.timestamp(file.timestamp());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SkippedFile other
        && listed.equals(other.listed)
        && reason == other.reason
        && Objects.equals(inteFile, other.inteFile)
        && Objects.equals(beatenBy, other.beatenBy)
        && Objects.equals(beatenByListed, other.beatenByListed)
        && Objects.equals(limit, other.limit)
        && Objects.equals(fixedDetail, other.fixedDetail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(listed, reason, beatenBy);
  }

  @Override
  public String toString() {
    return name() + " " + reason + ": " + detail();
  }
}
