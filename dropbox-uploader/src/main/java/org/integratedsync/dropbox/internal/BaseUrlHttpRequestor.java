package org.integratedsync.dropbox.internal;

import com.dropbox.core.http.HttpRequestor;
import com.dropbox.core.http.StandardHttpRequestor;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * The SDK's HTTP requestor, sending every request (api, content, notify and oauth2 hosts alike) to
 * one base URL instead of Dropbox's hosts. The SDK builds URLs from fixed host names and its token
 * refresh ignores custom hosts, so rewriting the URL here is the one seam that catches every call.
 */
public final class BaseUrlHttpRequestor extends StandardHttpRequestor {

  private final String baseUrl;

  /**
   * Creates the requestor.
   *
   * @param config timeouts and socket settings
   * @param baseUrl for example {@code http://127.0.0.1:8080}, or null to talk to Dropbox itself
   */
  public BaseUrlHttpRequestor(Config config, String baseUrl) {
    super(config);
    this.baseUrl = baseUrl == null ? null : stripTrailingSlash(baseUrl);
  }

  @Override
  protected HttpURLConnection prepRequest(String url, Iterable<HttpRequestor.Header> headers, boolean streaming)
      throws IOException {
    return super.prepRequest(rewrite(url), headers, streaming);
  }

  /**
   * Replaces the scheme and host of an SDK URL by the base URL.
   *
   * @param url a URL such as {@code https://api.dropboxapi.com/2/files/list_folder}
   * @return the URL to call
   */
  public String rewrite(String url) {
    if (baseUrl == null || !url.startsWith("https://")) {
      return url;
    }
    int pathStart = url.indexOf('/', "https://".length());
    return pathStart < 0 ? baseUrl : baseUrl + url.substring(pathStart);
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
