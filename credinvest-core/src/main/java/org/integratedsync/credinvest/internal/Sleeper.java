package org.integratedsync.credinvest.internal;

import java.time.Duration;

/** Waits between retries; tests pass one that records instead of sleeping. Implementations are thread-safe. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
