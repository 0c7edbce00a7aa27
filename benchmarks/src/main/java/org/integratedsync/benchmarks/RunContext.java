package org.integratedsync.benchmarks;

/**
 * What the runner hands to every scenario: how many repetitions to measure and the shared
 * fixtures. Not thread-safe.
 *
 * @param reps repetitions of our side (the median is reported)
 * @param baselineReps repetitions of baselines that take minutes (the old-tool run); 0 skips them while iterating
 * @param fixtures lazily started servers and data shared between scenarios
 */
record RunContext(int reps, int baselineReps, Fixtures fixtures) {

  RunContext {
    if (reps < 1 || baselineReps < 0) {
      throw new IllegalArgumentException("need at least 1 repetition (0 baseline repetitions skip slow baselines)");
    }
  }
}
