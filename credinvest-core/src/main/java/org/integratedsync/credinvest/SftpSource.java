package org.integratedsync.credinvest;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.integratedsync.credinvest.internal.ConnectionManager;
import org.integratedsync.credinvest.internal.SftpDownload;
import org.integratedsync.credinvest.internal.Sleeper;
import org.integratedsync.credinvest.internal.SshConnector;

/**
 * An SFTP folder as the source of INTE files, on sshj.
 *
 * <pre>{@code
 * SftpSettings settings = SftpSettings.builder("sftp.example.com", "user")
 *     .password(password)
 *     .hostKeyFingerprint("SHA256:…")
 *     .remoteDir("outbox")
 *     .build();
 * try (SftpSource source = new SftpSource(settings)) {
 *   Selection selection = SelectionRules.defaults().select(source.list(), LocalDateTime.now());
 *   DownloadReport report = source.download(selection.selectedFiles(), Path.of("download"));
 * }
 * }</pre>
 *
 * <p>Connections are opened on first use: downloads run {@link SftpSettings#parallelism()} transfers at
 * once, each over its own SSH connection and SFTP channel (AES-GCM preferred, on the JDK's
 * hardware-accelerated AES). The host key is
 * verified on every connection. A dropped connection is re-established with exponential backoff and
 * the broken transfers are retried; no partial file is ever left under its final name.
 *
 * <p>Not meant to be shared between threads (a download uses several threads internally). Close it
 * to release the connection.
 */
public final class SftpSource implements FileSource {

  private final SftpSettings settings;
  private final SshConnector connector;
  private final ConnectionManager connections;
  private final SftpDownload transfers;

  /**
   * Creates a source; nothing is opened until {@link #list()}, {@link #download} or {@link #connect()}.
   *
   * @throws SourceConfigurationException if the known_hosts file cannot be read
   * @throws NullPointerException if {@code settings} is null
   */
  public SftpSource(SftpSettings settings) {
    this(settings, Sleeper.SYSTEM);
  }

  SftpSource(SftpSettings settings, Sleeper sleeper) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.connector = new SshConnector(settings);
    // one connection per transfer, so each has its own transport thread for decryption
    this.connections = new ConnectionManager(connector, settings, sleeper, settings.parallelism());
    this.transfers = new SftpDownload(connections, settings);
  }

  /** Returns the settings. */
  public SftpSettings settings() {
    return settings;
  }

  /**
   * Connects and logs in now (if not connected yet) and returns the server's host key fingerprint;
   * useful to check the configuration without listing anything.
   *
   * @throws SftpConnectionException if the server cannot be reached
   * @throws HostKeyException if its host key is not the expected one
   * @throws SftpAuthenticationException if the login is refused
   * @throws SourceConfigurationException if the private key cannot be read
   */
  public String connect() {
    connections.newOperation(); // an earlier operation's failure is not this call's answer
    connections.client(0);
    return connector.presentedFingerprint();
  }

  /**
   * Loads the configured private key now, without connecting: a key that cannot be parsed (or a
   * wrong passphrase) is found before a run touches anything. Does nothing without a key.
   *
   * @throws SourceConfigurationException if the private key cannot be read
   */
  public void checkPrivateKey() {
    connector.checkPrivateKey();
  }

  @Override
  public String description() {
    return "sftp://" + settings.username() + "@" + settings.host() + ":" + settings.port() + "/"
        + settings.remoteDir();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SftpConnectionException if the server cannot be reached
   * @throws HostKeyException if its host key is not the expected one
   * @throws SftpAuthenticationException if the login is refused
   * @throws SourceConfigurationException if the remote folder does not exist or the key cannot be read
   * @throws FileTransferException if the folder cannot be listed for another reason
   */
  @Override
  public List<ListedFile> list() {
    return transfers.list();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Files already present locally with the same size and modification time are reported without
   * connecting at all.
   *
   * @throws SftpConnectionException if the server cannot be reached
   * @throws HostKeyException if its host key is not the expected one
   * @throws SftpAuthenticationException if the login is refused
   * @throws FileTransferException if {@code targetDir} cannot be created or written
   */
  @Override
  public DownloadReport download(Collection<ListedFile> files, Path targetDir, DownloadListener listener) {
    Objects.requireNonNull(listener, "listener");
    return transfers.download(files, targetDir, listener);
  }

  /** Closes the connection. */
  @Override
  public void close() {
    connections.close();
  }

  @Override
  public String toString() {
    return "SftpSource[" + description() + "]";
  }
}
