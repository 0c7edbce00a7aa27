package org.integratedsync.testkit.sftp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process SFTP server (Apache MINA SSHD) serving one directory on a random loopback port, for
 * tests, benchmarks and CLI process tests.
 *
 * <p>Plain use: {@code try (var server = new SftpTestServer().withPasswordUser("alice", "pw").start()) {…}}.
 * As a JUnit 5 extension: {@code @RegisterExtension static final SftpTestServer SFTP = new
 * SftpTestServer()…} starts it once per class (a non-static field starts a fresh server per test);
 * after each test the fault hooks are reset and a stopped server is started again on the same port.
 *
 * <p>The server has a freshly generated Ed25519 host key; clients pin {@link #hostKeyFingerprint()} or
 * use {@link #knownHostsLine()}. Like OpenSSH it allows at most 10 channels per connection. Fault
 * hooks: {@link #killSessions()} and {@link #stop()} drop every connection at once, {@link
 * #setReadDelay(Duration)} slows every SFTP read, {@link #killSessionsAfterBytesRead(long)} drops
 * every connection once that many file bytes have been served — a deterministic way to break a
 * transfer in the middle — and {@link #stopAfterBytesRead(long)} stops the whole server at that point.
 *
 * <p>Users may be added before or after {@link #start()}. This class is thread-safe.
 */
public final class SftpTestServer
    implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /** Loopback address the server binds to. */
  public static final String HOST = "127.0.0.1";

  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, Set<PublicKey>> publicKeys = new ConcurrentHashMap<>();
  private final SimpleGeneratorHostKeyProvider hostKeyProvider;
  private final PublicKey hostKey;
  private final Path configuredRoot;

  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong killThreshold = new AtomicLong(-1);
  private final AtomicLong stopThreshold = new AtomicLong(-1);
  private volatile boolean refusing;
  private volatile Thread stopper;
  private final AtomicInteger killCount = new AtomicInteger();
  private final AtomicInteger loginsToDrop = new AtomicInteger();
  private final AtomicInteger openSftpChannels = new AtomicInteger();
  private final AtomicInteger peakSftpChannels = new AtomicInteger();
  private volatile Duration readDelay = Duration.ZERO;

  private SshServer sshd;
  private Path root;
  private boolean ownsRoot;
  private int port;
  private boolean startedForClass;
  private boolean startedForMethod;

  /** Creates a server that will serve a fresh temporary directory, deleted when the server closes. */
  public SftpTestServer() {
    this(null);
  }

  /**
   * Creates a server that will serve {@code root} (not deleted on close).
   *
   * @param root directory to serve, or {@code null} for a fresh temporary directory
   */
  public SftpTestServer(Path root) {
    this.configuredRoot = root;
    this.hostKeyProvider = new SimpleGeneratorHostKeyProvider();
    hostKeyProvider.setAlgorithm("Ed25519");
    try {
      List<KeyPair> keys = new ArrayList<>();
      hostKeyProvider.loadKeys(null).forEach(keys::add);
      this.hostKey = keys.get(0).getPublic();
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate an Ed25519 host key: " + e, e);
    }
  }

  /**
   * Adds (or replaces) a user who logs in with a password.
   *
   * @return this server
   */
  public SftpTestServer withPasswordUser(String username, String password) {
    passwords.put(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
    return this;
  }

  /**
   * Adds a public key a user may log in with (a user may have several keys and a password).
   *
   * @return this server
   */
  public SftpTestServer withPublicKeyUser(String username, PublicKey key) {
    publicKeys
        .computeIfAbsent(Objects.requireNonNull(username, "username"), u -> ConcurrentHashMap.newKeySet())
        .add(Objects.requireNonNull(key, "key"));
    return this;
  }

  /**
   * Starts the server; after a {@link #stop()} it starts again on the same port with the same host key.
   *
   * @return this server
   * @throws UncheckedIOException if the port cannot be bound or the root cannot be created
   */
  public SftpTestServer start() {
    awaitPendingStop();
    return doStart();
  }

  private synchronized SftpTestServer doStart() {
    if (sshd != null && sshd.isStarted()) {
      return this;
    }
    try {
      if (root == null) {
        if (configuredRoot != null) {
          root = Files.createDirectories(configuredRoot);
        } else {
          root = Files.createTempDirectory("sftp-test-root");
          ownsRoot = true;
        }
      }
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost(HOST);
      server.setPort(port);
      server.setKeyPairProvider(hostKeyProvider);
      CoreModuleProperties.TCP_NODELAY.set(server, true);
      // OpenSSH's MaxSessions default: clients must cope with this limit in tests too.
      CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, 10);
      server.setPasswordAuthenticator((username, password, session) -> !droppedDuringLogin(session)
          && password != null && password.equals(passwords.get(username)));
      server.setPublickeyAuthenticator((username, key, session) -> !droppedDuringLogin(session)
          && publicKeys.getOrDefault(username, Set.of()).stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
      server.setKeyboardInteractiveAuthenticator(null);
      server.addSessionListener(new SessionListener() {
        @Override
        public void sessionCreated(Session session) {
          if (refusing) {
            session.close(true);
          }
        }
      });
      SftpSubsystemFactory sftp = new SftpSubsystemFactory();
      sftp.addSftpEventListener(new FaultInjector());
      server.setSubsystemFactories(List.of(sftp));
      server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
      refusing = false;
      server.start();
      port = ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
      sshd = server;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the SFTP test server", e);
    }
  }

  /** Stops the server at once, dropping every connection mid-transfer; {@link #start()} revives it. */
  public synchronized void stop() {
    if (sshd != null) {
      try {
        sshd.stop(true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sshd = null;
    }
  }

  /** Stops the server and deletes the root directory if this server created it. */
  @Override
  public void close() {
    awaitPendingStop();
    closeLocked();
  }

  private synchronized void closeLocked() {
    stop();
    if (ownsRoot && root != null) {
      deleteTree(root);
      root = null;
      ownsRoot = false;
    }
  }

  /** Closes every open SSH connection immediately; the server keeps accepting new ones. */
  public void killSessions() {
    SshServer server;
    synchronized (this) {
      server = sshd;
    }
    if (server == null) {
      return;
    }
    for (Session session : server.getActiveSessions()) {
      session.close(true);
    }
  }

  /** Returns whether the server is accepting connections. */
  public boolean isRunning() {
    awaitPendingStop();
    synchronized (this) {
      return sshd != null && sshd.isStarted();
    }
  }

  /** Waits for a stop begun by {@link #stopAfterBytesRead(long)}; callers must not hold the lock. */
  private void awaitPendingStop() {
    Thread pending = stopper;
    if (pending != null && pending != Thread.currentThread()) {
      try {
        pending.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the number of open SSH connections. */
  public synchronized int activeSessionCount() {
    return sshd == null ? 0 : sshd.getActiveSessions().size();
  }

  /** Returns the loopback address the server binds to, {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /**
   * Returns the bound port.
   *
   * @throws IllegalStateException if the server was never started
   */
  public synchronized int port() {
    if (port == 0) {
      throw new IllegalStateException("the SFTP test server has not been started");
    }
    return port;
  }

  /**
   * Returns the directory served as the SFTP root ({@code /}).
   *
   * @throws IllegalStateException if the server was never started
   */
  public synchronized Path root() {
    if (root == null) {
      throw new IllegalStateException("the SFTP test server has not been started");
    }
    return root;
  }

  /** Returns the server's host public key (Ed25519). */
  public PublicKey hostKey() {
    return hostKey;
  }

  /** Returns the host key fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
  public String hostKeyFingerprint() {
    return KeyUtils.getFingerPrint(hostKey);
  }

  /** Returns the host key as a public-key entry, e.g. {@code ssh-ed25519 AAAA…}. */
  public String hostKeyEntry() {
    return PublicKeyEntry.toString(hostKey);
  }

  /** Returns a known_hosts line for this server: {@code [127.0.0.1]:port ssh-ed25519 AAAA…}. */
  public String knownHostsLine() {
    return "[" + HOST + "]:" + port() + " " + hostKeyEntry();
  }

  /**
   * Writes a known_hosts file holding {@link #knownHostsLine()}.
   *
   * @return {@code file}
   */
  public Path writeKnownHosts(Path file) {
    try {
      Files.writeString(file, knownHostsLine() + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates a file under the root with the given content and modification time, creating parent
   * folders.
   *
   * @param relativePath path below the root, e.g. {@code "in/a.xlsx"}
   * @return the local path of the file
   */
  public Path writeFile(String relativePath, byte[] content, Instant mtime) {
    try {
      Path file = root().resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      Files.setLastModifiedTime(file, FileTime.from(mtime));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Delays every SFTP read request by {@code delay} (zero turns it off), so a transfer is slow enough
   * to be interrupted.
   */
  public void setReadDelay(Duration delay) {
    this.readDelay = Objects.requireNonNull(delay, "delay");
  }

  /**
   * Arms a one-shot trigger: as soon as {@code bytes} more file bytes have been served (counted from
   * now, over all connections), every connection is closed and the pending read fails. The trigger
   * then disarms itself, so a retry or rerun completes.
   */
  public void killSessionsAfterBytesRead(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0");
    }
    killThreshold.set(bytesRead.get() + bytes);
  }

  /**
   * Arms a one-shot trigger that stops the whole server once {@code bytes} more file bytes have been
   * served: from that moment no further byte is served, every pending read fails and new connections
   * are refused until {@link #start()} is called again.
   */
  public void stopAfterBytesRead(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0");
    }
    stopThreshold.set(bytesRead.get() + bytes);
  }

  /**
   * Makes the next {@code logins} login attempts lose their connection while the server checks the
   * credentials, as when a connection is dropped in the middle of a login: the client sees its
   * connection closed, never a refusal.
   */
  public void dropNextLogins(int logins) {
    if (logins < 0) {
      throw new IllegalArgumentException("logins must be >= 0");
    }
    loginsToDrop.set(logins);
  }

  private boolean droppedDuringLogin(Session session) {
    if (loginsToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      session.close(true);
      return true;
    }
    return false;
  }

  /** Returns how many times the {@link #killSessionsAfterBytesRead(long)} trigger has fired. */
  public int killCount() {
    return killCount.get();
  }

  /** Returns the total number of file bytes served by SFTP reads since the server was created. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Returns the highest number of SFTP channels that were open at the same time. */
  public int peakSftpChannels() {
    return peakSftpChannels.get();
  }

  /** Turns off the read delay, the kill and stop triggers and dropped logins. */
  public void resetFaults() {
    readDelay = Duration.ZERO;
    loginsToDrop.set(0);
    killThreshold.set(-1);
    stopThreshold.set(-1);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (this) {
      startedForClass = true;
    }
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (this) {
      if (!startedForClass) {
        startedForMethod = true;
      }
    }
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    resetFaults();
    boolean closeNow;
    synchronized (this) {
      closeNow = startedForMethod;
    }
    if (closeNow) {
      close();
    } else {
      killSessions();
    }
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // a leftover temp dir is harmless; never fail a test run on cleanup
    }
  }

  /** Slows reads and breaks connections on request. */
  private final class FaultInjector implements SftpEventListener {
    @Override
    public void initialized(ServerSession session, int version) {
      int open = openSftpChannels.incrementAndGet();
      peakSftpChannels.accumulateAndGet(open, Math::max);
    }

    @Override
    public void destroying(ServerSession session) {
      openSftpChannels.decrementAndGet();
    }

    @Override
    public void reading(
        ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
        int dataOffset, int dataLen) throws IOException {
      Duration delay = readDelay;
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("read delay interrupted");
        }
      }
      if (refusing) {
        throw new IOException("the test server is stopping");
      }
      long stopAt = stopThreshold.get();
      if (stopAt >= 0 && bytesRead.get() >= stopAt && stopThreshold.compareAndSet(stopAt, -1)) {
        // refuse new connections and drop the open ones at once, then shut down in the background
        // (stopping waits for the session threads, this one included)
        refusing = true;
        // publish the stopper before any client can see its connection drop, so that isRunning()
        // called right after the failure waits for the stop instead of racing it
        CountDownLatch sessionsKilled = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
          awaitUninterruptibly(sessionsKilled);
          stop();
        }, "sftp-test-server-stop");
        thread.setDaemon(true);
        stopper = thread;
        thread.start();
        killSessions();
        sessionsKilled.countDown();
        throw new IOException("the test server was stopped after " + bytesRead.get() + " bytes");
      }
      long threshold = killThreshold.get();
      if (threshold >= 0 && bytesRead.get() >= threshold && killThreshold.compareAndSet(threshold, -1)) {
        killCount.incrementAndGet();
        killSessions();
        throw new IOException("connection killed by the test server after " + bytesRead.get() + " bytes");
      }
    }

    @Override
    public void read(
        ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
        int dataOffset, int dataLen, int readLen, Throwable thrown) {
      if (readLen > 0) {
        bytesRead.addAndGet(readLen);
      }
    }
  }
}
