package org.integratedsync.credinvest.internal;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * A small pool of SSH connections, one per slot: each download worker uses its own connection, so
 * decryption runs on as many transport threads as there are transfers (one connection's transport
 * thread is what limits a fast link). A dropped connection is re-established with Failsafe's
 * retry policy (exponential backoff from the settings). When a slot's attempts are used up, the
 * circuit breaker opens and every other slot fails at once instead of waiting through its own
 * backoff: the server is down, and the remaining files are reported failed within one backoff
 * cycle. {@link #newOperation()} closes the breaker again.
 *
 * <p>Waiting never holds a lock that {@link #close()} needs, so closing returns promptly even while a
 * worker waits to reconnect; that worker stops after its wait. Thread-safe.
 */
public final class ConnectionManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

  private final SshConnector connector;
  private final SftpSettings settings;
  private final Sleeper sleeper;
  private final RetryPolicy<Object> reconnects;
  private final Slot[] slots;
  private volatile CircuitBreaker<Object> breaker = newBreaker();
  private volatile SftpConnectionException gaveUp;
  private volatile boolean closed;
  /** Held by the one slot that re-establishes a dropped connection; the others wait for its outcome. */
  private final ReentrantLock reconnecting = new ReentrantLock();
  private volatile boolean reconnectedOnce;
  private volatile long lastReconnectNanos;

  /**
   * Creates a pool; nothing is opened until {@link #client(int)}.
   *
   * @param slots how many connections at most (at least 1)
   */
  public ConnectionManager(SshConnector connector, SftpSettings settings, Sleeper sleeper, int slots) {
    this.connector = connector;
    this.settings = settings;
    this.sleeper = sleeper;
    this.reconnects = retryPolicy(settings);
    this.slots = new Slot[Math.max(1, slots)];
    for (int i = 0; i < this.slots.length; i++) {
      this.slots[i] = new Slot();
    }
  }

  private static RetryPolicy<Object> retryPolicy(SftpSettings settings) {
    RetryPolicyBuilder<Object> builder = RetryPolicy.builder()
        .handle(SftpConnectionException.class)
        .withMaxRetries(settings.maxRetries());
    Duration first = settings.retryBackoff();
    Duration max = settings.maxRetryBackoff();
    if (first.isZero()) {
      // Failsafe's default: no delay
    } else if (max.compareTo(first) > 0) {
      builder.withBackoff(first.toNanos(), max.toNanos(), ChronoUnit.NANOS);
    } else {
      builder.withDelay(first);
    }
    return builder.build();
  }

  private static CircuitBreaker<Object> newBreaker() {
    // one exhausted reconnect cycle is enough: the server is down for this operation
    return CircuitBreaker.builder().handle(SftpConnectionException.class).withFailureThreshold(1)
        .withDelay(Duration.ofDays(1)).build();
  }

  /** Returns the number of slots. */
  public int size() {
    return slots.length;
  }

  /**
   * Returns slot {@code slot}'s open connection, opening it if needed. An unreachable server is
   * retried with backoff; a refused login or host key fails at once.
   *
   * @throws org.integratedsync.credinvest.CredinvestException if no connection can be opened
   */
  public SSHClient client(int slot) {
    Slot s = slots[slot];
    synchronized (s) {
      checkUsable();
      SSHClient current = s.client;
      if (current != null && current.isConnected()) {
        return current;
      }
      boolean dropped = current != null;
      if (dropped) {
        LOG.warn("Connection to {} lost; reconnecting", connector.address());
        s.close();
      }
      return s.client = connect(dropped);
    }
  }

  /**
   * Replaces {@code broken} in slot {@code slot} by a new connection, unless another worker of the
   * slot already did.
   *
   * @throws SftpConnectionException if the reconnect attempts are used up or the breaker is open
   */
  public SSHClient reconnect(int slot, SSHClient broken) {
    Slot s = slots[slot];
    synchronized (s) {
      checkUsable();
      if (s.client != null && s.client != broken && s.client.isConnected()) {
        return s.client;
      }
      s.close();
      LOG.warn("Connection to {} lost; reconnecting", connector.address());
      return s.client = connect(true);
    }
  }

  /** Starts a new operation: a previous operation's open breaker is closed and its failure forgotten. */
  public void newOperation() {
    breaker = newBreaker();
    gaveUp = null;
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("the SFTP source is closed");
    }
    SftpConnectionException reason = gaveUp;
    if (reason != null && breaker.isOpen()) {
      // the other workers of this operation stop at once instead of waiting through the backoff again
      throw reason;
    }
  }

  /**
   * Connects, retrying an unreachable server by the policy. A first connection is tried at once;
   * after a dropped connection the first attempt waits the first backoff too (the drop counts as
   * the first failure), so a reconnect cycle is {@code maxRetries} attempts after waits of 1, 2, 4 …
   * times the backoff. When the server goes away every slot notices at once, and one retry cycle
   * answers for all: the others wait for it, then find the breaker open or the server back.
   */
  private SSHClient connect(boolean afterDrop) {
    long noticed = System.nanoTime();
    SftpConnectionException firstFailure = null;
    if (!afterDrop) {
      try {
        return open();
      } catch (SftpConnectionException e) {
        LOG.warn("{}", e.getMessage());
        firstFailure = e;
      }
    }
    reconnecting.lock();
    try {
      checkUsable();
      boolean backSinceNoticed = reconnectedOnce && lastReconnectNanos - noticed > 0;
      SSHClient client = retry(firstFailure, afterDrop && !backSinceNoticed);
      lastReconnectNanos = System.nanoTime();
      reconnectedOnce = true;
      return client;
    } finally {
      reconnecting.unlock();
    }
  }

  private SSHClient retry(SftpConnectionException firstFailure, boolean waitFirst) {
    Execution<Object> execution = Execution.of(reconnects);
    int attempts = 0;
    SftpConnectionException last = firstFailure;
    if (firstFailure != null) {
      attempts = 1;
      execution.recordException(firstFailure);
    } else if (waitFirst) {
      execution.recordException(new SftpConnectionException(settings.host(), settings.port(),
          "connection to " + connector.address() + " lost and no reconnect attempts are allowed", null));
    }
    while (true) {
      if (execution.getAttemptCount() > 0) {
        if (execution.isComplete()) {
          throw giveUp(last != null ? last : new SftpConnectionException(settings.host(), settings.port(),
              "connection to " + connector.address() + " lost and no reconnect attempts are allowed", null), attempts);
        }
        Duration wait = execution.getDelay();
        LOG.info("Connecting to {} again in {} ms", connector.address(), wait.toMillis());
        pause(wait);
        if (closed) {
          throw new SftpConnectionException(settings.host(), settings.port(),
              "the SFTP source was closed while waiting to reconnect to " + connector.address(), null);
        }
      }
      try {
        return open();
      } catch (SftpConnectionException e) {
        LOG.warn("{}", e.getMessage());
        attempts++;
        last = e;
        execution.recordException(e);
      }
    }
  }

  private SSHClient open() {
    SSHClient client = connector.connect();
    if (closed) {
      closeQuietly(client);
      throw new IllegalStateException("the SFTP source is closed");
    }
    return client;
  }

  private SftpConnectionException giveUp(SftpConnectionException last, int attempts) {
    SftpConnectionException failure = attempts <= 1 ? last
        : new SftpConnectionException(settings.host(), settings.port(),
            last.getMessage() + " (gave up after " + attempts + " attempts)", last);
    gaveUp = failure;
    breaker.recordException(failure);
    return failure;
  }

  private void pause(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SftpConnectionException(settings.host(), settings.port(),
          "interrupted while waiting to reconnect to " + connector.address(), e);
    }
  }

  /**
   * Opens an SFTP channel on {@code ssh}. A connection that drops between {@link #client(int)} and
   * this call makes sshj throw an unchecked "Not connected"; it is turned into an {@link IOException}
   * so callers retry it like any other dropped connection.
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

  private static void closeQuietly(SSHClient client) {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing a connection: {}", e.toString());
    }
  }

  /** Closes every connection; does not wait for a worker that is waiting to reconnect. */
  @Override
  public void close() {
    closed = true;
    for (Slot slot : slots) {
      SSHClient client = slot.client; // read without the slot's lock, which a waiting worker may hold
      if (client != null) {
        closeQuietly(client);
      }
    }
  }

  /** One connection and the lock its workers share. */
  private static final class Slot {
    volatile SSHClient client;

    void close() {
      if (client != null) {
        closeQuietly(client);
        client = null;
      }
    }
  }
}
