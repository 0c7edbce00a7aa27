package org.integratedsync.testkit.dropbox;

import java.time.Duration;

/**
 * A failure the fake answers a request with instead of serving it. Immutable.
 *
 * @param status the HTTP status, or 0 for a dropped connection
 * @param retryAfterSeconds the {@code Retry-After} header (and {@code retry_after} in a 429 body), or -1
 * @param reason the error tag, such as {@code too_many_write_operations}
 */
public record Fault(int status, int retryAfterSeconds, String reason) {

  /**
   * HTTP 429 with {@code Retry-After} and a {@code too_many_write_operations} body.
   *
   * @param retryAfter the wait asked for, whole seconds
   * @return the fault
   */
  public static Fault tooManyWriteOperations(Duration retryAfter) {
    return new Fault(429, (int) retryAfter.toSeconds(), "too_many_write_operations");
  }

  /**
   * HTTP 429 with {@code Retry-After} and a {@code too_many_requests} body.
   *
   * @param retryAfter the wait asked for, whole seconds
   * @return the fault
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    return new Fault(429, (int) retryAfter.toSeconds(), "too_many_requests");
  }

  /** HTTP 500. @return the fault */
  public static Fault serverError() {
    return new Fault(500, -1, "internal_error");
  }

  /** HTTP 503 without {@code Retry-After}. @return the fault */
  public static Fault unavailable() {
    return new Fault(503, -1, "unavailable");
  }

  /** No answer: the connection is closed when the answer would start (a network error). @return the fault */
  public static Fault disconnect() {
    return new Fault(0, -1, "disconnect");
  }

  /** HTTP 502. @return the fault */
  public static Fault badGateway() {
    return new Fault(502, -1, "bad_gateway");
  }

  /**
   * HTTP 401 {@code expired_access_token}; every access token issued so far stops working, so the
   * client must refresh.
   *
   * @return the fault
   */
  public static Fault expiredAccessToken() {
    return new Fault(401, -1, "expired_access_token");
  }
}
