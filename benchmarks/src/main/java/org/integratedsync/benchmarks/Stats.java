package org.integratedsync.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians, rates and number formats for the table. Stateless and thread-safe. */
final class Stats {

  private Stats() {}

  /**
   * Returns the median; for an even count the mean of the two middle values.
   *
   * @throws IllegalArgumentException if the list is empty
   */
  static Duration median(List<Duration> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Duration> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }

  /** Formats a duration for the table: milliseconds below 10 s, seconds with one decimal above. */
  static String time(Duration d) {
    if (d == null) {
      return "—";
    }
    double millis = d.toNanos() / 1e6;
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    return String.format(Locale.ROOT, "%.1f s", millis / 1000);
  }

  /** Formats a rate with a k/M suffix, such as "2.35 M names/s". */
  static String rate(double perSecond, String unit) {
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.2f M %s/s", perSecond / 1e6, unit);
    }
    if (perSecond >= 1e3) {
      return String.format(Locale.ROOT, "%.1f k %s/s", perSecond / 1e3, unit);
    }
    return String.format(Locale.ROOT, "%.1f %s/s", perSecond, unit);
  }

  /** Items per second over a duration. */
  static double perSecond(long items, Duration d) {
    return items / (d.toNanos() / 1e9);
  }

  /** Formats bytes as MB (10^6), such as "212 MB". */
  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  /** How many times faster {@code ours} is than {@code baseline}, as "12.3× faster" or "0.8× (slower)". */
  static String speedup(Duration ours, Duration baseline) {
    double ratio = ratio(ours, baseline);
    return ratio >= 1
        ? String.format(Locale.ROOT, "%.1f× faster", ratio)
        : String.format(Locale.ROOT, "%.2f× (slower)", ratio);
  }

  /** baseline / ours. */
  static double ratio(Duration ours, Duration baseline) {
    return baseline.toNanos() / (double) ours.toNanos();
  }

  /** Shows all repetitions, such as "reps: 1.20 s, 1.31 s, 1.25 s". */
  static String reps(List<Duration> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(time(v)));
    return String.join(", ", parts);
  }
}
