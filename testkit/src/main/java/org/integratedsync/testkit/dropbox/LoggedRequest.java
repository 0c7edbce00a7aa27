package org.integratedsync.testkit.dropbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One request the fake answered. Times are {@link System#nanoTime()} values of the fake's JVM.
 * Immutable.
 *
 * @param sequence order of arrival, from 1
 * @param endpoint the endpoint (null for an unknown path)
 * @param receivedNanos when the request arrived
 * @param respondedNanos when the answer was ready to send
 * @param receivedAt wall-clock arrival time
 * @param status the HTTP status answered
 * @param keys lower-case paths the request writes or commits (finish_batch, delete_batch,
 *     create_folder), or {@code session:<id>} for an append
 * @param committed lower-case paths committed or deleted successfully by this request
 * @param retryAfter the {@code Retry-After} answered, or null
 * @param bodyBytes the size of the request body
 */
public record LoggedRequest(
    long sequence,
    Endpoint endpoint,
    long receivedNanos,
    long respondedNanos,
    Instant receivedAt,
    int status,
    List<String> keys,
    List<String> committed,
    Duration retryAfter,
    long bodyBytes) {

  /** Copies the lists. */
  public LoggedRequest {
    keys = List.copyOf(keys);
    committed = List.copyOf(committed);
  }
}
