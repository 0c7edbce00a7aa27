package org.integratedsync.credinvest;

/**
 * The SFTP server's host key could not be verified: it does not match the pinned fingerprint, it is
 * not in the known_hosts file, or the known_hosts file holds a different key for the host.
 */
public final class HostKeyException extends CredinvestException {

  private final String host;
  private final int port;
  private final String presentedFingerprint;
  private final String expected;

  /**
   * Creates an exception.
   *
   * @param host the server
   * @param port its port
   * @param presentedFingerprint fingerprint of the key the server presented, {@code SHA256:…}
   * @param expected what was expected: the pinned fingerprint or a description of the known_hosts check
   * @param problem the sentence describing the failure
   * @param cause the SSH library's error, or {@code null}
   */
  public HostKeyException(String host, int port, String presentedFingerprint, String expected,
      String problem, Throwable cause) {
    super(problem, cause);
    this.host = host;
    this.port = port;
    this.presentedFingerprint = presentedFingerprint;
    this.expected = expected;
  }

  /** Returns the server's host name. */
  public String host() {
    return host;
  }

  /** Returns the server's port. */
  public int port() {
    return port;
  }

  /** Returns the fingerprint of the key the server presented ({@code SHA256:…}), or null if unknown. */
  public String presentedFingerprint() {
    return presentedFingerprint;
  }

  /** Returns what was expected: the pinned fingerprint or the known_hosts file checked. */
  public String expected() {
    return expected;
  }
}
