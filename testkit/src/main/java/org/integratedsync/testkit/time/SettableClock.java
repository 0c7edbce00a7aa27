package org.integratedsync.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, for expiry, TOTP and retry tests that must not
 * sleep. Thread-safe.
 */
public final class SettableClock extends Clock {
  private volatile Instant now;

  /** Creates a clock standing at {@code start}. */
  public SettableClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock to {@code instant}. */
  public void set(Instant instant) {
    this.now = instant;
  }

  /** Moves the clock forward by {@code amount}. */
  public synchronized void advance(Duration amount) {
    this.now = now.plus(amount);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("SettableClock is always UTC");
  }
}
