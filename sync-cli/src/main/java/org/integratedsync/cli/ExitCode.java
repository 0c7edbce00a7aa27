package org.integratedsync.cli;

/**
 * The exit codes of the {@code integrated-sync} command, which schedulers and monitoring act on.
 *
 * <p>This class only holds constants.
 */
public final class ExitCode {
  /** Every task that ran succeeded (skipped tasks do not count). */
  public static final int OK = 0;

  /** A task failed, or files failed to upload, or a {@code doctor} check failed. */
  public static final int FAILED = 1;

  /** The command line or the configuration is wrong; nothing was changed. */
  public static final int USAGE = 2;

  /** Another run holds the run lock; this one did nothing. */
  public static final int ALREADY_RUNNING = 3;

  private ExitCode() {}
}
