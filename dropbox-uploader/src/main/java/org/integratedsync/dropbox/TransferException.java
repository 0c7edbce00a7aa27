package org.integratedsync.dropbox;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to the target failed as a whole (not per file): a rate limit, a server or network error,
 * or an unexpected answer. {@link #retryable()} says whether trying again later can help and
 * {@link #retryAfter()} how long the target asked to wait first.
 */
public final class TransferException extends DropboxSyncException {

  private final boolean retryable;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param retryable whether a later attempt may succeed
   * @param retryAfter the wait the target asked for, or null
   * @param cause the underlying failure, or null
   */
  public TransferException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** Returns whether a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Returns the wait the target asked for before the next attempt (HTTP 429), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
