package org.integratedsync.cli.internal;

/**
 * One task of the daily job, already configured and validated, ready to run once.
 *
 * <p>Implementations record counts and failed accounts in the {@link TaskContext}; an exception
 * marks the task failed, keeping the counts recorded so far.
 */
public interface SyncTask {
  /** Returns the task's name as in last-run.json. */
  String name();

  /**
   * Runs the task.
   *
   * @throws Exception if the task failed; the next task still runs
   */
  void run(TaskContext context) throws Exception;
}
