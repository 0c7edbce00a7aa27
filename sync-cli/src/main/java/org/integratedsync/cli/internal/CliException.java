package org.integratedsync.cli.internal;

/**
 * Root of the exceptions the command raises itself; each subclass maps to an exit code.
 *
 * <p>Messages are one line meant for the console and never contain secret values.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a one-line message. */
  public CliException(String message) {
    super(message);
  }

  /** Creates an exception with a one-line message and its cause. */
  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
