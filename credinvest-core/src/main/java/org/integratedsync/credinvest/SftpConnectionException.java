package org.integratedsync.credinvest;

/** The SFTP server could not be reached, or the connection broke and could not be re-established. */
public final class SftpConnectionException extends CredinvestException {

  private final String host;
  private final int port;

  /**
   * Creates an exception.
   *
   * @param host the server
   * @param port its port
   * @param message what failed
   * @param cause the underlying error, or {@code null}
   */
  public SftpConnectionException(String host, int port, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
    this.port = port;
  }

  /** Returns the server's host name. */
  public String host() {
    return host;
  }

  /** Returns the server's port. */
  public int port() {
    return port;
  }
}
