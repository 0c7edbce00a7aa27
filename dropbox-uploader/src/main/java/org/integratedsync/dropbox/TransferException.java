package org.integratedsync.dropbox;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to the target failed as a whole (not per file): a rate limit, a server or network error,
 * or an unexpected answer. {@link #retryable()} says whether trying again later can help and
 * {@link #retryAfter()} how long the target asked to wait first. Any {@link MirrorTarget} may throw
 * it, not only Dropbox.
 */
public final class TransferException extends MirrorException {

  private final boolean retryable;
  private final Duration retryAfter;
  private final boolean rateLimited;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param retryable whether a later attempt may succeed
   * @param retryAfter the wait the target asked for, or null
   * @param cause the underlying failure, or null
   */
  public TransferException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
    this(message, retryable, retryAfter, false, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param retryable whether a later attempt may succeed
   * @param retryAfter the wait the target asked for, or null
   * @param rateLimited whether the call was refused only because of a rate limit (HTTP 429), which
   *     does not count toward the retry passes
   * @param cause the underlying failure, or null
   */
  public TransferException(String message, boolean retryable, Duration retryAfter, boolean rateLimited,
      Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.rateLimited = rateLimited;
  }

  /** Returns whether the call was refused only because of a rate limit. */
  public boolean rateLimited() {
    return rateLimited;
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
