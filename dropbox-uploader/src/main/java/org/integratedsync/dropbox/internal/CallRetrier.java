package org.integratedsync.dropbox.internal;

import com.dropbox.core.BadResponseCodeException;
import com.dropbox.core.DbxException;
import com.dropbox.core.NetworkIOException;
import com.dropbox.core.RateLimitException;
import com.dropbox.core.RetryException;
import com.dropbox.core.ServerException;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.integratedsync.dropbox.DropboxSyncException;
import org.integratedsync.dropbox.RetrySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Dropbox call with retries: Failsafe's retry policy decides whether and how often to retry
 * other transient failures and computes the exponential backoff with jitter. A rate limit (HTTP 429)
 * is not one of its attempts: it waits exactly the server's {@code Retry-After} (Failsafe would
 * apply backoff and jitter to a computed delay and could retry too early) and is retried for as
 * long as the wait ends before the call's deadline. Waiting goes through the injected sleeper.
 * Thread-safe.
 */
public final class CallRetrier {

  private static final Logger LOG = LoggerFactory.getLogger(CallRetrier.class);

  /** A call that may fail with an SDK or I/O exception. */
  @FunctionalInterface
  public interface Call<T> {
    /**
     * Runs the call once.
     *
     * @return the result
     * @throws DbxException on an SDK error
     * @throws IOException on a local or network I/O error
     */
    T run() throws DbxException, IOException;
  }

  private final RetrySettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RetryPolicy<Object> policy;

  /**
   * Creates a retrier.
   *
   * @param settings attempts, backoff, jitter, deadline
   * @param clock the time source
   * @param sleeper how to wait
   */
  public CallRetrier(RetrySettings settings, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
        .handleIf((result, failure) -> failure != null && isTransient(failure))
        .withMaxAttempts(settings.attemptsPerCall());
    if (!settings.backoffBase().isZero()) {
      builder.withBackoff(settings.backoffBase(), settings.backoffMax());
      if (settings.jitter() > 0) {
        builder.withJitter(settings.jitter());
      }
    }
    this.policy = builder.build();
  }

  /**
   * Runs the call, retrying transient failures.
   *
   * @param what a description for logs
   * @param call the call
   * @param <T> the result type
   * @return the call's result
   * @throws DbxException the last failure when it is not transient or the attempts are used up
   * @throws IOException the last I/O failure likewise
   */
  public <T> T run(String what, Call<T> call) throws DbxException, IOException {
    return run(what, clock.instant().plus(settings.uploadDeadline()), call);
  }

  /**
   * Runs the call, retrying transient failures; rate limits are waited out while the wait ends
   * before the deadline, without counting as attempts.
   *
   * @param what a description for logs
   * @param deadline the last moment a rate-limited call may be tried again
   * @param call the call
   * @param <T> the result type
   * @return the call's result
   * @throws DbxException the last failure when it is not transient, the attempts are used up, or a
   *     rate limit's wait would end after the deadline
   * @throws IOException the last I/O failure likewise
   */
  public <T> T run(String what, Instant deadline, Call<T> call) throws DbxException, IOException {
    Execution<Object> execution = Execution.of(policy);
    int rateLimits = 0;
    while (true) {
      try {
        T result = call.run();
        execution.recordResult(result);
        return result;
      } catch (DbxException | IOException e) {
        if (e instanceof RateLimitException rate) {
          Duration wait = rate.getBackoffMillis() > 0 ? Duration.ofMillis(rate.getBackoffMillis())
              : settings.rateLimitWait();
          if (clock.instant().plus(wait).isAfter(deadline)) {
            throw e;
          }
          rateLimits++;
          LOG.debug("{} rate limited ({} time(s)), retrying in {} ms", what, rateLimits, wait.toMillis());
          sleep(wait);
          continue;
        }
        execution.recordException(e);
        if (execution.isComplete()) {
          throw e;
        }
        Duration wait = serverWait(e).orElse(execution.getDelay());
        LOG.debug("{} failed (attempt {}), retrying in {} ms: {}", what, execution.getAttemptCount(),
            wait.toMillis(), describe(e));
        sleep(wait);
      }
    }
  }

  private void sleep(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DropboxSyncException("Interrupted while waiting to retry", e);
    }
  }

  /** Returns the wait the server asked for (429, or 503 with Retry-After), if any. */
  public static Optional<Duration> serverWait(Throwable failure) {
    if (failure instanceof RetryException retry && retry.getBackoffMillis() > 0) {
      return Optional.of(Duration.ofMillis(retry.getBackoffMillis()));
    }
    return Optional.empty();
  }

  /** Returns whether a failure is a rate limit (HTTP 429), which does not use up the retry budget. */
  public static boolean isRateLimit(Throwable failure) {
    return failure instanceof RateLimitException;
  }

  /** Returns whether a failure is worth retrying: rate limits, 5xx and network errors. */
  public static boolean isTransient(Throwable failure) {
    if (failure instanceof RetryException || failure instanceof ServerException
        || failure instanceof NetworkIOException) {
      return true;
    }
    if (failure instanceof BadResponseCodeException bad) {
      return bad.getStatusCode() >= 500;
    }
    // the SDK wraps network failures in NetworkIOException; plain I/O errors here come from local
    // files (missing, unreadable), which waiting does not fix
    return failure instanceof SocketException || failure instanceof SocketTimeoutException;
  }

  /** Returns a short description of a failure, without secrets (the SDK's messages hold none). */
  public static String describe(Throwable failure) {
    if (failure instanceof RateLimitException rate) {
      return "rate limited by Dropbox (HTTP 429), retry after " + rate.getBackoffMillis() + " ms";
    }
    if (failure instanceof RetryException) {
      return "Dropbox is unavailable (HTTP 503)";
    }
    if (failure instanceof ServerException) {
      return "Dropbox server error (HTTP 500)";
    }
    if (failure instanceof BadResponseCodeException bad) {
      return "unexpected HTTP status " + bad.getStatusCode() + " from Dropbox";
    }
    if (failure instanceof NetworkIOException network) {
      return "network error: " + network.getCause();
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
