package org.integratedsync.vestr.internal;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cookie jar that treats plain http to a loopback address like https.
 *
 * <p>Keycloak marks its cookies {@code Secure} even over plain http, and {@link CookieManager}
 * withholds such cookies from http URLs, which breaks a login against a Keycloak on
 * {@code http://127.0.0.1}. Only loopback hosts get this treatment; any other http host keeps the
 * standard rule. Thread-safe.
 */
public final class LoopbackCookieHandler extends CookieHandler {
  private final CookieManager delegate = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);

  @Override
  public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders)
      throws IOException {
    return delegate.get(asSecure(uri), requestHeaders);
  }

  @Override
  public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
    delegate.put(asSecure(uri), responseHeaders);
  }

  /** Forgets every cookie. */
  public void clear() {
    delegate.getCookieStore().removeAll();
  }

  /** Returns the URI with scheme https when it is http to a loopback host, else unchanged. */
  static URI asSecure(URI uri) {
    if (!"http".equalsIgnoreCase(uri.getScheme()) || !isLoopback(uri.getHost())) {
      return uri;
    }
    try {
      return new URI("https", uri.getRawUserInfo(), uri.getHost(), uri.getPort(), uri.getRawPath(),
          null, null);
    } catch (URISyntaxException e) {
      return uri;
    }
  }

  /** Whether the host names the loopback interface, judged from the text alone (no DNS). */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
      return true;
    }
    return h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
