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
 */
public record EntryResult(String name, String contentHash, String error, boolean retryable, Duration retryAfter) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if the name is null
   */
  public EntryResult {
    Objects.requireNonNull(name, "name");
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

  /** Returns whether the entry succeeded. */
  public boolean succeeded() {
    return error == null;
  }

  /** Returns the wait asked for before the next attempt, if any. */
  public Optional<Duration> retryAfterWait() {
    return Optional.ofNullable(retryAfter);
  }
}
