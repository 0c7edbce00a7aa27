package org.integratedsync.dropbox.internal;

import java.time.Duration;

/**
 * Waits for a while. Retries and backoff wait through a sleeper so tests can record the waits
 * instead of sleeping (the seam is package-private on {@code FolderMirror} and {@code
 * DropboxFolderTarget.Builder}; embedders get {@link #SYSTEM}). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread with {@link Thread#sleep(long, int)}. */
  Sleeper SYSTEM = duration -> {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    }
  };

  /**
   * Waits for the given time (zero or negative: returns at once).
   *
   * @param duration how long to wait
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
