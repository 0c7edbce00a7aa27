package org.integratedsync.vestr.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cookie-session sign-in: the web application's own redirects lead through the login pages. */
public final class SessionAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(SessionAuthenticator.class);

  private final Http http;
  private final LoginFlow flow;
  private final URI appUrl;
  private boolean loggedIn;

  /** Creates the authenticator for the web application at {@code appUrl}. */
  public SessionAuthenticator(Http http, LoginFlow flow, URI appUrl) {
    this.http = http;
    this.flow = flow;
    this.appUrl = appUrl;
  }

  @Override
  public void login() {
    http.cookies().clear();
    loggedIn = false;
    flow.openSession(appUrl);
    loggedIn = true;
    log.info("signed in to {} (session cookies)", Urls.safe(appUrl));
  }

  @Override
  public void authorize(HttpRequest.Builder request) {
    if (!loggedIn) {
      login();
    }
  }

  @Override
  public void invalidate() {
    loggedIn = false;
  }
}
