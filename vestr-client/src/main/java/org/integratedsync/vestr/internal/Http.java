package org.integratedsync.vestr.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.integratedsync.vestr.VestrConnectionException;

/** The client's HTTP access: one JDK client, redirects never followed automatically. */
public final class Http {
  static final String USER_AGENT = "integrated-sync-vestr-client";

  private final HttpClient client;
  private final LoopbackCookieHandler cookies;
  private final Duration requestTimeout;

  /**
   * Creates a client with its own cookie jar.
   *
   * @param customiser the embedder's changes to the client, applied after the connect timeout and
   *     before the redirect policy and the cookie handler, which it cannot change
   */
  public Http(Duration connectTimeout, Duration requestTimeout,
      Consumer<? super HttpClient.Builder> customiser) {
    this.cookies = new LoopbackCookieHandler();
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
    customiser.accept(builder);
    this.client = builder
        .followRedirects(HttpClient.Redirect.NEVER)
        .cookieHandler(cookies)
        .build();
    this.requestTimeout = requestTimeout;
  }

  /** Returns the cookie jar. */
  public LoopbackCookieHandler cookies() {
    return cookies;
  }

  /** Starts a request to {@code uri} with the common headers and timeout. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", USER_AGENT);
  }

  /**
   * Sends a request.
   *
   * @throws VestrConnectionException on I/O failure (the message names the URL without its query)
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (IOException e) {
      throw new VestrConnectionException(
          request.method() + " " + Urls.safe(request.uri()) + " failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VestrConnectionException(
          "interrupted during " + request.method() + " " + Urls.safe(request.uri()), e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
