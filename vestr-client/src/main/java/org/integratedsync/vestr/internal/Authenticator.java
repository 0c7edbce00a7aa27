package org.integratedsync.vestr.internal;

import java.net.http.HttpRequest;

/** Signs in and authenticates API requests; implementations are not thread-safe. */
public interface Authenticator {
  /** Signs in now, replacing any earlier session. */
  void login();

  /** Adds what authenticates {@code request} (a Bearer token; nothing for cookies), signing in first if needed. */
  void authorize(HttpRequest.Builder request);

  /** Called after the API answered 401: the next {@link #authorize} refreshes or signs in again. */
  void invalidate();
}
