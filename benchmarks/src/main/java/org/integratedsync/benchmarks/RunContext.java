package org.integratedsync.benchmarks;

/**
 * What the runner hands to every scenario: how many repetitions to measure and the shared
 * fixtures. Not thread-safe.
 *
 * @param reps repetitions of our side (the median is reported)
 * @param baselineReps repetitions of baselines that take minutes (the old-tool run)
 * @param fixtures lazily started servers and data shared between scenarios
 */
record RunContext(int reps, int baselineReps, Fixtures fixtures) {

  RunContext {
    if (reps < 1 || baselineReps < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1");
    }
  }
}
