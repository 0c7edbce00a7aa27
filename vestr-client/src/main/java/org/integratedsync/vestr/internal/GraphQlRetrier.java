package org.integratedsync.vestr.internal;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.integratedsync.vestr.Sleeper;
import org.integratedsync.vestr.VestrConnectionException;
import org.integratedsync.vestr.VestrException;
import org.integratedsync.vestr.VestrHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one GraphQL read with retries of transient failures: Failsafe's retry policy decides whether
 * to try again and computes the exponential backoff; the wait goes through the injected sleeper
 * (Failsafe's synchronous executor would call {@link Thread#sleep} itself). Only failures a later
 * attempt can cure are retried: the request could not be sent or its answer not read (reset or
 * refused connection, timeout), or a gateway answered 502, 503 or 504. Any other status (a 4xx, a
 * 500), GraphQL {@code errors} and malformed answers fail at once. Thread-safe.
 */
public final class GraphQlRetrier {
  private static final Logger log = LoggerFactory.getLogger(GraphQlRetrier.class);
  private static final Set<Integer> TRANSIENT_STATUSES = Set.of(502, 503, 504);

  private final RetryPolicy<Object> policy;
  private final Sleeper sleeper;

  /**
   * Creates a retrier.
   *
   * @param attempts the most attempts per read, at least 1 (1: no retry)
   * @param firstDelay the wait before the second attempt; it doubles per attempt (zero: no wait)
   * @param maxDelay the longest wait
   * @param sleeper waits between attempts
   */
  public GraphQlRetrier(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
    var builder = RetryPolicy.builder()
        .handleIf((result, failure) -> failure != null && isTransient(failure))
        .withMaxAttempts(attempts);
    if (!firstDelay.isZero()) {
      builder.withBackoff(firstDelay, maxDelay);
    }
    this.policy = builder.build();
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code read}, again after a transient failure while attempts are left.
   *
   * @return what the last attempt returned
   * @throws VestrException the first failure that is not transient, or the last one
   */
  public <T> T run(String what, Supplier<T> read) {
    Execution<Object> execution = Execution.of(policy);
    while (true) {
      try {
        T result = read.get();
        execution.recordResult(result);
        return result;
      } catch (VestrException e) {
        execution.recordException(e);
        if (execution.isComplete()) {
          throw isTransient(e) && execution.getAttemptCount() > 1 ? exhausted(e, execution.getAttemptCount()) : e;
        }
        Duration wait = execution.getDelay();
        log.warn("{} failed (attempt {} of {}), trying again in {} ms: {}", what,
            execution.getAttemptCount(), policy.getConfig().getMaxAttempts(), wait.toMillis(), e.getMessage());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new VestrConnectionException("interrupted while waiting to retry " + what, interrupted);
        }
      }
    }
  }

  /** The last transient failure, of the same type, its message saying how many attempts failed. */
  private static VestrException exhausted(VestrException last, int attempts) {
    String message = last.getMessage() + " (" + attempts + " attempts)";
    if (last instanceof VestrHttpException http) {
      VestrHttpException e = new VestrHttpException(message, http.status(), http.uri());
      e.initCause(last);
      return e;
    }
    return new VestrConnectionException(message, last.getCause());
  }

  /** Whether an HTTP status is a gateway's transient failure: 502, 503 or 504. */
  public static boolean isTransientStatus(int status) {
    return TRANSIENT_STATUSES.contains(status);
  }

  /** Whether a later attempt may succeed: a network failure, or 502, 503 or 504 from a gateway. */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof VestrHttpException http) {
      return isTransientStatus(http.status());
    }
    return failure instanceof VestrConnectionException && failure.getCause() instanceof IOException;
  }
}
