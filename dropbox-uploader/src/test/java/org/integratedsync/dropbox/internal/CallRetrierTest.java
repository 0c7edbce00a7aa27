package org.integratedsync.dropbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dropbox.core.BadRequestException;
import com.dropbox.core.DbxException;
import com.dropbox.core.NetworkIOException;
import com.dropbox.core.RateLimitException;
import com.dropbox.core.ServerException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.integratedsync.dropbox.RetrySettings;
import org.junit.jupiter.api.Test;

class CallRetrierTest {

  private final List<Duration> waits = new ArrayList<>();

  private CallRetrier retrier(double jitter, int attempts) {
    return new CallRetrier(RetrySettings.builder().attemptsPerCall(attempts)
        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)).jitter(jitter).build(), Clock.systemUTC(), waits::add);
  }

  /** A call that throws the given failures in turn, then answers "ok". */
  private static CallRetrier.Call<String> failing(Exception... failures) {
    Deque<Exception> queue = new ArrayDeque<>(List.of(failures));
    return () -> {
      Exception next = queue.poll();
      if (next instanceof DbxException dbx) {
        throw dbx;
      }
      if (next instanceof IOException io) {
        throw io;
      }
      return "ok";
    };
  }

  @Test
  void aRateLimitWaitsExactlyItsRetryAfterEvenWithFullJitter() throws Exception {
    String result = retrier(1.0, 4).run("call", failing(
        new RateLimitException("r1", null, 3, TimeUnit.SECONDS),
        new RateLimitException("r2", null, 1, TimeUnit.SECONDS)));

    assertThat(result).isEqualTo("ok");
    assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
  }

  @Test
  void rateLimitsAreNotAttemptsAndAreWaitedOutUntilTheDeadline() throws Exception {
    RateLimitException[] limits = new RateLimitException[6];
    for (int i = 0; i < limits.length; i++) {
      limits[i] = new RateLimitException("r" + i, null, 1, TimeUnit.SECONDS);
    }
    // two attempts per call, yet six rate limits and a server error pass
    List<Exception> failures = new ArrayList<>(List.of(limits));
    failures.add(new ServerException("r", "boom"));

    String result = retrier(0, 2).run("call", failing(failures.toArray(Exception[]::new)));

    assertThat(result).isEqualTo("ok");
    assertThat(waits).hasSize(7).startsWith(Collections.nCopies(6, Duration.ofSeconds(1)).toArray(Duration[]::new));
  }

  @Test
  void aRateLimitWhoseWaitWouldEndAfterTheDeadlineIsThrown() {
    RateLimitException limit = new RateLimitException("r", null, 30, TimeUnit.SECONDS);

    assertThatThrownBy(() -> retrier(0, 4).run("call", Instant.now().plusSeconds(10), failing(limit)))
        .isSameAs(limit);
    assertThat(waits).isEmpty();
  }

  @Test
  void serverAndNetworkErrorsBackOffExponentiallyWithinTheJitterBounds() throws Exception {
    retrier(0.25, 4).run("call", failing(new ServerException("r", "boom"),
        new NetworkIOException(new IOException("reset")), new ServerException("r", "boom")));

    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(3000), Duration.ofMillis(5000));
  }

  @Test
  void attemptsAreLimitedAndTheLastFailureIsThrown() {
    ServerException last = new ServerException("r3", "third");

    assertThatThrownBy(() -> retrier(0, 3).run("call", failing(new ServerException("r1", "first"),
        new ServerException("r2", "second"), last))).isSameAs(last);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void failuresThatWaitingCannotFixAreNotRetried() {
    assertThatThrownBy(() -> retrier(0, 4).run("call", failing(new BadRequestException("r", "bad"))))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> retrier(0, 4).run("call", failing(new NoSuchFileException("/x"))))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(waits).isEmpty();
  }
}
