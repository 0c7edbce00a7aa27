package org.integratedsync.dropbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed calls and files are retried: a value (numbers and durations only, so {@code equals},
 * {@code hashCode} and {@code toString} mean something). Immutable and thread-safe; build one with
 * {@link #builder()}. Time comes from the system clock and waiting is a real sleep; tests of this
 * library replace both through package-private seams, not through these settings.
 *
 * <p>Each call to the target is tried up to {@link #attemptsPerCall()} times: after HTTP 429 it
 * waits exactly the {@code Retry-After} the server sent, after network errors and 5xx it backs off
 * from {@link #backoffBase()} doubling up to {@link #backoffMax()}, with {@link #jitter()} (a
 * fraction of the delay added or removed at random). Files that still failed are tried again in up
 * to {@link #retryPasses()} further passes, each after a backoff and never before any
 * {@code Retry-After} the target asked for.
 *
 * <p>Rate limits (HTTP 429 with {@code Retry-After}, {@code too_many_write_operations} and {@code
 * too_many_requests} for single files of a batch) do not use up attempts or passes: they are
 * retried after exactly the wait the target sent (or {@link #rateLimitWait()} when it
 * sent none) for as long as that ends before the {@link #uploadDeadline()}.
 *
 * @param retryPasses passes after the first one (default 3)
 * @param attemptsPerCall attempts of a single call within a pass (default 4)
 * @param backoffBase first backoff for transient errors (default 1 s; zero for no waiting)
 * @param backoffMax longest backoff (default 32 s)
 * @param jitter random part of a backoff, 0 to 1 (default 0.25)
 * @param uploadDeadline how long after the uploads start rate-limited files keep being retried
 *     (default 15 minutes; the deletions get as long again)
 * @param rateLimitWait the wait before retrying a file refused by a rate limit that named no wait,
 *     such as a {@code too_many_write_operations} entry of a commit batch (default 250 ms)
 */
public record RetrySettings(
    int retryPasses,
    int attemptsPerCall,
    Duration backoffBase,
    Duration backoffMax,
    double jitter,
    Duration uploadDeadline,
    Duration rateLimitWait) {

  /**
   * Validates the settings.
   *
   * @throws DropboxConfigurationException if a number is out of range
   * @throws NullPointerException if a part is null
   */
  public RetrySettings {
    if (retryPasses < 0) {
      throw new DropboxConfigurationException("retryPasses", "retryPasses must be >= 0: " + retryPasses);
    }
    if (attemptsPerCall < 1) {
      throw new DropboxConfigurationException("attemptsPerCall", "attemptsPerCall must be >= 1: " + attemptsPerCall);
    }
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
    if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
      throw new DropboxConfigurationException(backoffBase.isNegative() ? "backoffBase" : "backoffMax",
          "need 0 <= backoffBase <= backoffMax: " + backoffBase + ", " + backoffMax);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new DropboxConfigurationException("jitter", "jitter must be between 0 and 1: " + jitter);
    }
    Objects.requireNonNull(uploadDeadline, "uploadDeadline");
    if (uploadDeadline.isNegative() || uploadDeadline.isZero()) {
      throw new DropboxConfigurationException("uploadDeadline", "uploadDeadline must be positive: " + uploadDeadline);
    }
    Objects.requireNonNull(rateLimitWait, "rateLimitWait");
    if (rateLimitWait.isNegative() || rateLimitWait.isZero()) {
      throw new DropboxConfigurationException("rateLimitWait", "rateLimitWait must be positive: " + rateLimitWait);
    }
  }

  /** The default {@link #uploadDeadline()}: 15 minutes. */
  public static final Duration DEFAULT_UPLOAD_DEADLINE = Duration.ofMinutes(15);

  /** The default {@link #rateLimitWait()}: 250 ms. */
  public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMillis(250);

  /**
   * Returns the defaults: 3 retry passes, 4 attempts per call, backoff 1 s to 32 s, jitter 0.25,
   * upload deadline 15 minutes, rate-limit wait 250 ms.
   */
  public static RetrySettings defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the backoff before retry pass {@code pass} (1-based): base, 2 × base, 4 × base …, at
   * most {@link #backoffMax()}, without jitter.
   *
   * @param pass the retry pass, from 1
   * @return the backoff
   */
  public Duration passBackoff(int pass) {
    Duration delay = backoffBase;
    for (int i = 1; i < pass && delay.compareTo(backoffMax) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
  }

  /** A mutable builder of {@link RetrySettings}; not thread-safe. */
  public static final class Builder {
    private int retryPasses = 3;
    private int attemptsPerCall = 4;
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofSeconds(32);
    private double jitter = 0.25;
    private Duration uploadDeadline = DEFAULT_UPLOAD_DEADLINE;
    private Duration rateLimitWait = DEFAULT_RATE_LIMIT_WAIT;

    private Builder() {}

    /** Sets the passes after the first one. @param value passes, from 0 @return this builder */
    public Builder retryPasses(int value) {
      this.retryPasses = value;
      return this;
    }

    /** Sets the attempts of one call within a pass. @param value attempts, from 1 @return this builder */
    public Builder attemptsPerCall(int value) {
      this.attemptsPerCall = value;
      return this;
    }

    /**
     * Sets the backoff range for transient errors.
     *
     * @param base the first backoff (zero: no waiting, for tests)
     * @param max the longest backoff
     * @return this builder
     */
    public Builder backoff(Duration base, Duration max) {
      this.backoffBase = base;
      this.backoffMax = max;
      return this;
    }

    /** Sets the random part of a backoff. @param value 0 to 1 @return this builder */
    public Builder jitter(double value) {
      this.jitter = value;
      return this;
    }

    /**
     * Sets how long rate-limited files keep being retried.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder uploadDeadline(Duration value) {
      this.uploadDeadline = value;
      return this;
    }

    /**
     * Sets the wait before retrying a file refused by a rate limit that named no wait.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder rateLimitWait(Duration value) {
      this.rateLimitWait = value;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws DropboxConfigurationException if a value is out of range
     */
    public RetrySettings build() {
      return new RetrySettings(retryPasses, attemptsPerCall, backoffBase, backoffMax, jitter, uploadDeadline, rateLimitWait);
    }
  }
}
