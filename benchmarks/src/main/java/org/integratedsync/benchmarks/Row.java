package org.integratedsync.benchmarks;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of the result table. Immutable.
 *
 * @param scenario what was measured, in a few words
 * @param ours our median time
 * @param oursDetail extra figure for our side, such as a rate ("2.1 M names/s"); may be empty
 * @param baseline the baseline's median time, or null where the goal is absolute
 * @param baselineDetail extra figure for the baseline; may be empty
 * @param ratio the comparison as text, such as "42.0× faster"; may be empty
 * @param peakHeap peak heap text, such as "210 MB / 35 MB live"
 * @param goal the goal, as text
 * @param met "yes", "no" or a qualified verdict such as "no (wall) / yes (CPU)"; "?" when undecided
 * @param note how many repetitions and anything unusual
 */
record Row(
    String scenario,
    Duration ours,
    String oursDetail,
    Duration baseline,
    String baselineDetail,
    String ratio,
    String peakHeap,
    String goal,
    String met,
    String note) {

  Row {
    Objects.requireNonNull(scenario, "scenario");
    oursDetail = oursDetail == null ? "" : oursDetail;
    baselineDetail = baselineDetail == null ? "" : baselineDetail;
    ratio = ratio == null ? "" : ratio;
    peakHeap = peakHeap == null ? "" : peakHeap;
    goal = goal == null ? "" : goal;
    note = note == null ? "" : note;
    met = met == null ? "?" : met;
  }

  /** "yes" or "no". */
  static String verdict(boolean met) {
    return met ? "yes" : "no";
  }

  /** A row for a scenario that could not run; the message says why. */
  static Row failed(String scenario, String goal, String message) {
    return new Row(scenario, null, "", null, "", "", "", goal, null, "did not run: " + message);
  }
}
