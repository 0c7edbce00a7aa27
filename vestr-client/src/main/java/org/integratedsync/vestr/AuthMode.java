package org.integratedsync.vestr;

/** How the client signs in and authenticates its GraphQL requests. */
public enum AuthMode {
  /**
   * The client runs the authorization-code flow with PKCE against an OpenID Connect issuer and
   * sends the access token as a Bearer token.
   */
  OIDC,
  /**
   * The client opens the web application, follows its redirects through the login pages and sends
   * the application's session cookies.
   */
  SESSION
}
