package org.integratedsync.dropbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one file inside a batch call of a {@link MirrorTarget}: done, or failed with an
 * error that may be worth retrying. Immutable.
 *
 * @param name the file name
 * @param contentHash on success of an upload, the content hash the target stored; otherwise null
 * @param error on failure, a short description; null on success
 * @param retryable on failure, whether a later attempt may succeed
 * @param retryAfter on failure, the wait the target asked for before touching this file again, or null
 * @param rateLimited on failure, whether the target refused the file only because of a rate limit
 *     (HTTP 429, {@code too_many_write_operations}, {@code too_many_requests}); such a failure does
 *     not count toward the retry passes and is retried until the upload deadline
 */
public record EntryResult(String name, String contentHash, String error, boolean retryable, Duration retryAfter,
    boolean rateLimited) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if the name is null
   */
  public EntryResult {
    Objects.requireNonNull(name, "name");
  }

  /**
   * Creates a result that is not a rate limit.
   *
   * @param name the file name
   * @param contentHash the stored content hash, or null
   * @param error the error, or null on success
   * @param retryable whether a later attempt may succeed
   * @param retryAfter the wait asked for, or null
   */
  public EntryResult(String name, String contentHash, String error, boolean retryable, Duration retryAfter) {
    this(name, contentHash, error, retryable, retryAfter, false);
  }

  /**
   * Returns a success.
   *
   * @param name the file name
   * @param contentHash the stored content hash (null for a deletion)
   * @return the result
   */
  public static EntryResult done(String name, String contentHash) {
    return new EntryResult(name, contentHash, null, false, null);
  }

  /**
   * Returns a failure.
   *
   * @param name the file name
   * @param error a short description, without secrets
   * @param retryable whether a later attempt may succeed
   * @param retryAfter the wait asked for, or null
   * @return the result
   */
  public static EntryResult failed(String name, String error, boolean retryable, Duration retryAfter) {
    return new EntryResult(name, null, Objects.requireNonNull(error, "error"), retryable, retryAfter);
  }

  /**
   * Returns a failure caused only by a rate limit: retried after {@code retryAfter} (or a short
   * backoff when the target named no wait) without using up a retry pass.
   *
   * @param name the file name
   * @param error a short description, such as {@code too_many_write_operations}
   * @param retryAfter the wait the target asked for, or null when it named none
   * @return the result
   */
  public static EntryResult rateLimited(String name, String error, Duration retryAfter) {
    return new EntryResult(name, null, Objects.requireNonNull(error, "error"), true, retryAfter, true);
  }

  /** Returns whether the entry succeeded. */
  public boolean succeeded() {
    return error == null;
  }

  /** Returns the wait asked for before the next attempt, if any. */
  public Optional<Duration> retryAfterWait() {
    return Optional.ofNullable(retryAfter);
  }
}
