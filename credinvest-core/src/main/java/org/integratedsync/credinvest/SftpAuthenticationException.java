package org.integratedsync.credinvest;

/**
 * The SFTP server refused the login (wrong user name, password or key). The message names the user
 * and host, never the password or key.
 */
public final class SftpAuthenticationException extends CredinvestException {

  private final String host;
  private final int port;
  private final String username;

  /**
   * Creates an exception.
   *
   * @param host the server
   * @param port its port
   * @param username the user name that was refused
   * @param cause the SSH library's error, or {@code null}
   */
  public SftpAuthenticationException(String host, int port, String username, Throwable cause) {
    super("SFTP login as '" + username + "' at " + host + ":" + port
        + " was refused: wrong user name, password or key", cause);
    this.host = host;
    this.port = port;
    this.username = username;
  }

  /** Returns the server's host name. */
  public String host() {
    return host;
  }

  /** Returns the server's port. */
  public int port() {
    return port;
  }

  /** Returns the user name that was refused. */
  public String username() {
    return username;
  }
}
