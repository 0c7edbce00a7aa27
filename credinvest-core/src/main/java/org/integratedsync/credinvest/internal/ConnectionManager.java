package org.integratedsync.credinvest.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.TransportException;
import org.integratedsync.credinvest.SftpConnectionException;
import org.integratedsync.credinvest.SftpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one SSH connection that all transfers share, and re-establishes it with exponential
 * backoff after it drops. When several workers notice the same drop, only the first reconnects; the
 * others get the new connection. Thread-safe.
 */
public final class ConnectionManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

  private final SshConnector connector;
  private final SftpSettings settings;
  private final Sleeper sleeper;
  private SSHClient current;
  private boolean closed;
  private SftpConnectionException gaveUp;

  /** Creates a manager; nothing is opened until {@link #client()}. */
  public ConnectionManager(SshConnector connector, SftpSettings settings, Sleeper sleeper) {
    this.connector = connector;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /**
   * Returns the open connection, opening it if needed. Unreachable servers are retried with backoff;
   * a refused login or host key fails at once.
   *
   * @throws org.integratedsync.credinvest.CredinvestException if no connection can be opened
   */
  public synchronized SSHClient client() {
    checkUsable();
    if (current != null && current.isConnected()) {
      return current;
    }
    boolean wasConnected = current != null;
    closeCurrent();
    if (wasConnected) {
      LOG.warn("Connection to {} lost; reconnecting", connector.address());
    }
    current = connect(wasConnected ? 1 : 0);
    return current;
  }

  /**
   * Replaces {@code broken} by a new connection, unless another caller already did.
   *
   * @throws SftpConnectionException if the reconnect attempts are used up
   */
  public synchronized SSHClient reconnect(SSHClient broken) {
    checkUsable();
    if (current != null && current != broken && current.isConnected()) {
      return current;
    }
    closeCurrent();
    LOG.warn("Connection to {} lost; reconnecting", connector.address());
    current = connect(1);
    return current;
  }

  /** Starts a new operation: a previous operation's failure to reconnect is forgotten. */
  public synchronized void newOperation() {
    gaveUp = null;
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("the SFTP source is closed");
    }
    if (gaveUp != null) {
      // the other workers of this operation stop at once instead of waiting through the backoff again
      throw gaveUp;
    }
  }

  private SSHClient connect(int firstAttempt) {
    try {
      return connectWithRetries(firstAttempt);
    } catch (SftpConnectionException e) {
      if (firstAttempt > 0) {
        gaveUp = e;
      }
      throw e;
    }
  }

  private SSHClient connectWithRetries(int firstAttempt) {
    SftpConnectionException last = null;
    for (int attempt = firstAttempt; attempt <= settings.maxRetries(); attempt++) {
      if (attempt > 0) {
        Duration wait = backoff(attempt);
        LOG.info("Connecting to {} again in {} ms (attempt {} of {})", connector.address(), wait.toMillis(),
            attempt, settings.maxRetries());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SftpConnectionException(settings.host(), settings.port(),
              "interrupted while waiting to reconnect to " + connector.address(), e);
        }
      }
      try {
        return connector.connect();
      } catch (SftpConnectionException e) {
        last = e;
        LOG.warn("{}", e.getMessage());
      }
    }
    if (last == null) {
      throw new SftpConnectionException(settings.host(), settings.port(),
          "connection to " + connector.address() + " lost and no reconnect attempts are allowed", null);
    }
    if (settings.maxRetries() > 0) {
      throw new SftpConnectionException(settings.host(), settings.port(),
          last.getMessage() + " (gave up after " + (settings.maxRetries() - firstAttempt + 1) + " attempts)", last);
    }
    throw last;
  }

  /** The wait before reconnect attempt {@code attempt} (1-based): backoff, doubled each time, capped. */
  Duration backoff(int attempt) {
    Duration wait = settings.retryBackoff();
    for (int i = 1; i < attempt && wait.compareTo(settings.maxRetryBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.maxRetryBackoff()) > 0 ? settings.maxRetryBackoff() : wait;
  }

  /**
   * Opens an SFTP channel on {@code ssh}. A connection that drops between {@link #client()} and this
   * call makes sshj throw an unchecked "Not connected"; it is turned into an {@link IOException} so
   * callers retry it like any other dropped connection.
   */
  public static SFTPClient openSftp(SSHClient ssh) throws IOException {
    try {
      return ssh.newSFTPClient();
    } catch (IllegalStateException e) {
      if (ssh.isConnected()) {
        throw e;
      }
      throw new ConnectionException("connection lost before the SFTP channel opened", e);
    }
  }

  /** Whether {@code e}, thrown while using {@code ssh}, means the connection (not the file) failed. */
  public static boolean isConnectionProblem(IOException e, SSHClient ssh) {
    if (!ssh.isConnected() || !ssh.getTransport().isRunning()) {
      return true;
    }
    if (e instanceof SFTPException sftp && sftp.getStatusCode() != null
        && sftp.getStatusCode() != Response.StatusCode.UNKNOWN) {
      return false;
    }
    return e instanceof SFTPException || e instanceof TransportException || e instanceof ConnectionException
        || e instanceof SocketException || e instanceof EOFException;
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("closing the old connection: {}", e.toString());
      }
      current = null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeCurrent();
  }
}
