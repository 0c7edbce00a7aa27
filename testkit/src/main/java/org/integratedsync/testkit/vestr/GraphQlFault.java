package org.integratedsync.testkit.vestr;

import java.time.Duration;

/** A fault the {@link VestrFake} injects into one GraphQL response. */
public enum GraphQlFault {
  /** No fault: the response is served normally (to place a fault after some good pages). */
  NONE,
  /** {@code errors} with {@code data: null}. */
  GRAPHQL_ERROR,
  /** {@code errors} next to the page's {@code data}. */
  GRAPHQL_ERROR_WITH_DATA,
  /** HTTP 500 with a plain-text body. */
  HTTP_500,
  /** HTTP 502 Bad Gateway from a proxy in front of the API (a transient failure). */
  HTTP_502,
  /** HTTP 503 Service Unavailable (a transient failure). */
  HTTP_503,
  /** HTTP 504 Gateway Timeout (a transient failure). */
  HTTP_504,
  /** The connection is closed once the request has been read, before any answer (a transient failure). */
  CONNECTION_RESET,
  /** The page's JSON cut off in the middle (with a matching Content-Length). */
  TRUNCATED_JSON,
  /** HTTP 401 whatever the credentials, once. */
  UNAUTHORIZED,
  /** The first record's amount is {@code "12,50"} (not a decimal). */
  BAD_AMOUNT,
  /** The first record lacks {@code currency}. */
  MISSING_CURRENCY,
  /**
   * The page served normally, but {@link VestrFake#SLOW_PAGE_DELAY} late: longer than the 5-second
   * statement and idle-in-transaction timeouts hosted databases commonly set.
   */
  SLOW_PAGE,
  /**
   * The page is held back until {@link VestrFake#releaseStall()} or {@link VestrFake#close()}: the
   * client waits on it as on a Vestr that stopped answering in the middle of a fetch. {@link
   * VestrFake#awaitStall(Duration)} returns once a request reached it, so a test can act (kill the
   * client, for example) at a known page. Queue it after {@link #NONE}s to stall at page N.
   */
  STALL
}
