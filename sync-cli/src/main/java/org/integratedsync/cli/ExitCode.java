package org.integratedsync.cli;

/**
 * The exit codes of the {@code integrated-sync} command, which schedulers and monitoring act on.
 *
 * <p>This class only holds constants.
 */
public final class ExitCode {
  /** Every task that ran succeeded (skipped tasks do not count). */
  public static final int OK = 0;

  /** A task failed, or files failed to upload, or {@code doctor} could not reach a service or was refused. */
  public static final int FAILED = 1;

  /**
   * The command line or the configuration is wrong (for a run and for {@code doctor}); nothing was
   * changed, except that a run records the error in {@code last-run.json}.
   */
  public static final int USAGE = 2;

  /** Another run holds the run lock; this one did nothing. */
  public static final int ALREADY_RUNNING = 3;

  private ExitCode() {}
}
