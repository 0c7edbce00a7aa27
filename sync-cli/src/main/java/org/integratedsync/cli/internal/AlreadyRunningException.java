package org.integratedsync.cli.internal;

import java.nio.file.Path;

/** Another run holds the run lock (exit code 3). Carries the lock file. */
public final class AlreadyRunningException extends CliException {
  private static final long serialVersionUID = 1L;

  private final transient Path lockFile;

  /** Creates the exception for the given lock file and a description of its holder. */
  public AlreadyRunningException(Path lockFile, String holder) {
    super(
        "another integrated-sync run is already in progress"
            + (holder.isBlank() ? "" : " (" + holder + ")")
            + "; lock held on "
            + lockFile);
    this.lockFile = lockFile;
  }

  /** Returns the lock file another process holds. */
  public Path lockFile() {
    return lockFile;
  }
}
