package org.integratedsync.benchmarks;

import java.util.List;

/**
 * One benchmark scenario: sets up its servers and data, measures our implementation (and, where
 * the goal is a comparison, a baseline), and returns one or more table rows. Scenarios are run one
 * after another by {@link BenchmarkMain}; an implementation need not be thread-safe.
 */
interface Scenario {

  /** The short name used to select the scenario on the command line, such as {@code selection}. */
  String name();

  /**
   * Runs the scenario.
   *
   * @param context repetitions and shared fixtures
   * @return the rows it contributes to the table
   * @throws Exception when the scenario cannot run at all (the runner reports it as a failed row)
   */
  List<Row> run(RunContext context) throws Exception;
}
