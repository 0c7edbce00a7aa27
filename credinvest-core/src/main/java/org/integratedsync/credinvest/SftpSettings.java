package org.integratedsync.credinvest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Connection settings for an {@link SftpSource}. Build with {@link #builder(String, String)}.
 *
 * <p>Log in with a password, a private key (PEM/OpenSSH text or a file, optionally with a passphrase)
 * or both. The host key is checked against a pinned {@code SHA256:} fingerprint, or else against a
 * known_hosts file ({@code ~/.ssh/known_hosts} unless another is given); accepting any host key needs
 * {@link Builder#acceptAnyHostKey()} and is logged as a warning on every connection.
 *
 * <p>Instances are immutable and thread-safe; they are made only by the {@link Builder}, so new
 * settings can be added without breaking callers. {@link #toString()} never shows the password,
 * passphrase or key.
 */
public final class SftpSettings {

  /** The default SSH port. */
  public static final int DEFAULT_PORT = 22;
  /** The default number of parallel transfers. */
  public static final int DEFAULT_PARALLELISM = 4;
  /** The largest number of parallel transfers (and so of SSH connections to the server at once). */
  public static final int MAX_PARALLELISM = 9;

  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final String privateKey;
  private final Path privateKeyFile;
  private final String privateKeyPassphrase;
  private final String hostKeyFingerprint;
  private final Path knownHostsFile;
  private final boolean acceptAnyHostKey;
  private final String remoteDir;
  private final int parallelism;
  private final Duration connectTimeout;
  private final Duration keepAliveInterval;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final Duration maxRetryBackoff;

  /** Validates the builder's settings; {@code knownHostsFile} has the default filled in. */
  private SftpSettings(Builder b, Path knownHostsFile) {
    this.host = b.host;
    this.port = b.port;
    this.username = b.username;
    this.password = b.password;
    this.privateKey = b.privateKey;
    this.privateKeyFile = b.privateKeyFile;
    this.privateKeyPassphrase = b.privateKeyPassphrase;
    this.hostKeyFingerprint = b.hostKeyFingerprint;
    this.knownHostsFile = knownHostsFile;
    this.acceptAnyHostKey = b.acceptAnyHostKey;
    this.remoteDir = b.remoteDir == null ? "" : b.remoteDir;
    this.parallelism = b.parallelism;
    this.connectTimeout = b.connectTimeout;
    this.keepAliveInterval = b.keepAliveInterval;
    this.maxRetries = b.maxRetries;
    this.retryBackoff = b.retryBackoff;
    this.maxRetryBackoff = b.maxRetryBackoff;
    require(host != null && !host.isBlank(), "host", "SFTP host is missing");
    require(port > 0 && port < 65536, "port", "SFTP port must be 1 to 65535, not " + port);
    require(username != null && !username.isBlank(), "username", "SFTP user name is missing");
    require(privateKey == null || privateKeyFile == null, "privateKey",
        "give the SFTP private key either as text or as a file, not both");
    require(password != null || privateKey != null || privateKeyFile != null, "password",
        "give an SFTP password or a private key");
    require(privateKey == null || !privateKey.isBlank(), "privateKey", "SFTP private key text is empty");
    if (hostKeyFingerprint != null) {
      require(isSha256Fingerprint(hostKeyFingerprint), "hostKeyFingerprint",
          "SFTP host key fingerprint must look like SHA256:<43 base64 characters> (as ssh-keygen -lf prints"
              + " it), not " + hostKeyFingerprint);
      require(knownHostsFile == null, "hostKeyFingerprint",
          "give a pinned host key fingerprint or a known_hosts file, not both");
    }
    require(!acceptAnyHostKey || (hostKeyFingerprint == null && knownHostsFile == null), "acceptAnyHostKey",
        "accepting any host key contradicts the pinned fingerprint or known_hosts file also given");
    require(acceptAnyHostKey || hostKeyFingerprint != null || knownHostsFile != null, "knownHostsFile",
        "no way to check the SFTP host key: give a fingerprint or a known_hosts file");
    require(parallelism >= 1 && parallelism <= MAX_PARALLELISM, "parallelism",
        "SFTP parallelism must be 1 to " + MAX_PARALLELISM + ", not " + parallelism);
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(keepAliveInterval, "keepAliveInterval");
    require(maxRetries >= 0, "maxRetries", "maxRetries must not be negative");
    require(retryBackoff != null && !retryBackoff.isNegative(), "retryBackoff", "retryBackoff must not be negative");
    require(maxRetryBackoff != null && maxRetryBackoff.compareTo(retryBackoff) >= 0, "maxRetryBackoff",
        "maxRetryBackoff must be at least retryBackoff");
  }

  /**
   * Starts settings for {@code username} at {@code host}.
   *
   * @param host server host name or address
   * @param username login name
   */
  public static Builder builder(String host, String username) {
    return new Builder(host, username);
  }

  /** Returns the server host name or address. */
  public String host() {
    return host;
  }

  /** Returns the server port, 22 by default. */
  public int port() {
    return port;
  }

  /** Returns the login name. */
  public String username() {
    return username;
  }

  /** Returns the password, or {@code null}. */
  public String password() {
    return password;
  }

  /** Returns the private key text (OpenSSH or PEM), or {@code null}. */
  public String privateKey() {
    return privateKey;
  }

  /** Returns the private key file, or {@code null}. */
  public Path privateKeyFile() {
    return privateKeyFile;
  }

  /** Returns the passphrase of the private key, or {@code null}. */
  public String privateKeyPassphrase() {
    return privateKeyPassphrase;
  }

  /** Returns the pinned host key fingerprint {@code SHA256:…}, or {@code null}. */
  public String hostKeyFingerprint() {
    return hostKeyFingerprint;
  }

  /**
   * Returns the known_hosts file to check the host key against, or {@code null} when pinned or when
   * any key is accepted.
   */
  public Path knownHostsFile() {
    return knownHostsFile;
  }

  /** Returns whether host key checking is off. */
  public boolean acceptAnyHostKey() {
    return acceptAnyHostKey;
  }

  /** Returns the remote folder to list; empty for the login folder. */
  public String remoteDir() {
    return remoteDir;
  }

  /** Returns the number of parallel transfers, each over its own SSH connection, 1 to 9 (default 4). */
  public int parallelism() {
    return parallelism;
  }

  /** Returns the time allowed to open the TCP connection (default 30 s). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the interval of SSH keep-alive messages that detect a frozen link (default 15 s). */
  public Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  /** Returns the number of reconnect attempts after a dropped connection, per outage and per file (default 3). */
  public int maxRetries() {
    return maxRetries;
  }

  /** Returns the wait before the first reconnect, doubled on each further attempt (default 1 s). */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /** Returns the longest wait between reconnects (default 30 s). */
  public Duration maxRetryBackoff() {
    return maxRetryBackoff;
  }

  /** Returns a builder holding these settings, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(host, username);
    b.port = port;
    b.password = password;
    b.privateKey = privateKey;
    b.privateKeyFile = privateKeyFile;
    b.privateKeyPassphrase = privateKeyPassphrase;
    b.hostKeyFingerprint = hostKeyFingerprint;
    b.knownHostsFile = knownHostsFile;
    b.acceptAnyHostKey = acceptAnyHostKey;
    b.remoteDir = remoteDir;
    b.parallelism = parallelism;
    b.connectTimeout = connectTimeout;
    b.keepAliveInterval = keepAliveInterval;
    b.maxRetries = maxRetries;
    b.retryBackoff = retryBackoff;
    b.maxRetryBackoff = maxRetryBackoff;
    return b;
  }

  /** Settings are equal when every setting is. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SftpSettings o)) {
      return false;
    }
    return Objects.equals(host, o.host)
        && port == o.port
        && Objects.equals(username, o.username)
        && Objects.equals(password, o.password)
        && Objects.equals(privateKey, o.privateKey)
        && Objects.equals(privateKeyFile, o.privateKeyFile)
        && Objects.equals(privateKeyPassphrase, o.privateKeyPassphrase)
        && Objects.equals(hostKeyFingerprint, o.hostKeyFingerprint)
        && Objects.equals(knownHostsFile, o.knownHostsFile)
        && acceptAnyHostKey == o.acceptAnyHostKey
        && Objects.equals(remoteDir, o.remoteDir)
        && parallelism == o.parallelism
        && Objects.equals(connectTimeout, o.connectTimeout)
        && Objects.equals(keepAliveInterval, o.keepAliveInterval)
        && maxRetries == o.maxRetries
        && Objects.equals(retryBackoff, o.retryBackoff)
        && Objects.equals(maxRetryBackoff, o.maxRetryBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        host, port, username, password, privateKey, privateKeyFile, privateKeyPassphrase, hostKeyFingerprint,
        knownHostsFile, acceptAnyHostKey, remoteDir, parallelism, connectTimeout, keepAliveInterval,
        maxRetries, retryBackoff, maxRetryBackoff);
  }

  /** Returns the settings without secrets: passwords, passphrases and keys show as {@code ***}. */
  @Override
  public String toString() {
    return "SftpSettings[" + username + "@" + host + ":" + port
        + ", password=" + mask(password)
        + ", privateKey=" + mask(privateKey)
        + ", privateKeyFile=" + privateKeyFile
        + ", privateKeyPassphrase=" + mask(privateKeyPassphrase)
        + ", hostKey=" + (acceptAnyHostKey ? "ANY" : hostKeyFingerprint != null ? hostKeyFingerprint
            : "known_hosts " + knownHostsFile)
        + ", remoteDir=" + (remoteDir.isEmpty() ? "(login folder)" : remoteDir)
        + ", parallelism=" + parallelism
        + ", connectTimeout=" + connectTimeout
        + ", keepAliveInterval=" + keepAliveInterval
        + ", maxRetries=" + maxRetries
        + ", retryBackoff=" + retryBackoff + ".." + maxRetryBackoff + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "null" : "***";
  }

  private static boolean isSha256Fingerprint(String value) {
    if (!value.startsWith("SHA256:")) {
      return false;
    }
    String b64 = value.substring("SHA256:".length());
    while (b64.endsWith("=")) {
      b64 = b64.substring(0, b64.length() - 1);
    }
    if (b64.length() != 43) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(b64 + "=").length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void require(boolean ok, String setting, String message) {
    if (!ok) {
      throw new SourceConfigurationException(setting, message);
    }
  }

  private static void requirePositive(Duration d, String setting) {
    require(d != null && !d.isNegative() && !d.isZero(), setting, setting + " must be positive");
  }

  /**
   * Builder of {@link SftpSettings}; {@link #build()} validates and copies, so the builder may be
   * reused. Not thread-safe.
   */
  public static final class Builder {
    private final String host;
    private final String username;
    private int port = DEFAULT_PORT;
    private String password;
    private String privateKey;
    private Path privateKeyFile;
    private String privateKeyPassphrase;
    private String hostKeyFingerprint;
    private Path knownHostsFile;
    private boolean acceptAnyHostKey;
    private String remoteDir = "";
    private int parallelism = DEFAULT_PARALLELISM;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration keepAliveInterval = Duration.ofSeconds(15);
    private int maxRetries = 3;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private Duration maxRetryBackoff = Duration.ofSeconds(30);

    private Builder(String host, String username) {
      this.host = host;
      this.username = username;
    }

    /** Sets the port (default 22). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets the password, or {@code null} for none. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Sets the private key as text (OpenSSH or PEM), or {@code null}. */
    public Builder privateKey(String privateKeyText) {
      this.privateKey = privateKeyText;
      return this;
    }

    /** Sets the private key file, or {@code null}. */
    public Builder privateKeyFile(Path file) {
      this.privateKeyFile = file;
      return this;
    }

    /** Sets the private key's passphrase, or {@code null}. */
    public Builder privateKeyPassphrase(String passphrase) {
      this.privateKeyPassphrase = passphrase;
      return this;
    }

    /** Pins the host key fingerprint, {@code SHA256:…} as {@code ssh-keygen -lf} prints it. */
    public Builder hostKeyFingerprint(String fingerprint) {
      this.hostKeyFingerprint = fingerprint;
      return this;
    }

    /** Checks the host key against this known_hosts file instead of {@code ~/.ssh/known_hosts}. */
    public Builder knownHostsFile(Path file) {
      this.knownHostsFile = file;
      return this;
    }

    /** Turns host key checking off; every connection then logs a warning. */
    public Builder acceptAnyHostKey() {
      this.acceptAnyHostKey = true;
      return this;
    }

    /** Sets the remote folder to list; empty or {@code null} for the login folder. */
    public Builder remoteDir(String remoteDir) {
      this.remoteDir = remoteDir;
      return this;
    }

    /** Sets the number of parallel transfers, 1 to 9 (default 4). */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Sets the TCP connect timeout (default 30 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Sets the keep-alive interval (default 15 s). */
    public Builder keepAliveInterval(Duration interval) {
      this.keepAliveInterval = interval;
      return this;
    }

    /**
     * Sets the reconnect policy after a dropped connection (default 3 retries, 1 s doubling to 30 s).
     *
     * @param maxRetries reconnect attempts per outage, and extra attempts per file
     * @param backoff wait before the first reconnect
     * @param maxBackoff longest wait
     */
    public Builder retries(int maxRetries, Duration backoff, Duration maxBackoff) {
      this.maxRetries = maxRetries;
      this.retryBackoff = backoff;
      this.maxRetryBackoff = maxBackoff;
      return this;
    }

    /**
     * Validates and builds the settings. Without a fingerprint, a known_hosts file or {@link
     * #acceptAnyHostKey()}, the host key is checked against {@code ~/.ssh/known_hosts}.
     *
     * @throws SourceConfigurationException naming the setting that is missing, invalid or in conflict
     */
    public SftpSettings build() {
      Path knownHosts = knownHostsFile;
      if (knownHosts == null && hostKeyFingerprint == null && !acceptAnyHostKey) {
        knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
      }
      return new SftpSettings(this, knownHosts);
    }
  }
}
