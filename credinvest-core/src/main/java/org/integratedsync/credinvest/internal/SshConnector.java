package org.integratedsync.credinvest.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import org.integratedsync.credinvest.CredinvestException;
import org.integratedsync.credinvest.SftpAuthenticationException;
import org.integratedsync.credinvest.SftpConnectionException;
import org.integratedsync.credinvest.SftpSettings;
import org.integratedsync.credinvest.SourceConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens authenticated SSH connections for the settings, mapping the SSH library's errors onto this
 * library's exceptions. The private key is read and decrypted once. Thread-safe.
 */
public final class SshConnector {

  private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);

  private final SftpSettings settings;
  private final HostKeyCheck hostKeyCheck;
  /** Built once and shared by every connection: building one tests sshj's algorithms, which is slow. */
  private final DefaultConfig config;
  private volatile KeyPair keyPair;

  /**
   * Creates a connector; nothing is read or opened yet.
   *
   * @throws SourceConfigurationException if the known_hosts file cannot be read
   */
  public SshConnector(SftpSettings settings) {
    this.settings = settings;
    this.hostKeyCheck = HostKeyCheck.of(settings);
    this.config = new JceCiphers.PreferredConfig();
    // without keep-alives a frozen link is only noticed after TCP gives up, which can take hours
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
  }

  /** Returns the fingerprint of the host key the server last presented, or null. */
  public String presentedFingerprint() {
    return hostKeyCheck.presentedFingerprint();
  }

  /** Returns {@code host:port}. */
  public String address() {
    return settings.host() + ":" + settings.port();
  }

  /**
   * Connects and logs in.
   *
   * @throws SftpConnectionException if the server cannot be reached
   * @throws org.integratedsync.credinvest.HostKeyException if its host key is not the expected one
   * @throws SftpAuthenticationException if the login is refused
   * @throws SourceConfigurationException if the private key cannot be read
   */
  public SSHClient connect() {
    List<AuthMethod> methods = authMethods();
    SSHClient ssh = new SSHClient(config);
    ssh.addHostKeyVerifier(hostKeyCheck);
    ssh.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
    ssh.getConnection().getKeepAlive()
        .setKeepAliveInterval(Math.toIntExact(Math.max(1, settings.keepAliveInterval().toSeconds())));
    try {
      ssh.connect(settings.host(), settings.port());
      // small files are several times faster without Nagle's delay
      ssh.getSocket().setTcpNoDelay(true);
      ssh.auth(settings.username(), methods);
      LOG.debug("Connected to {} as {}", address(), settings.username());
      return ssh;
    } catch (UserAuthException e) {
      close(ssh);
      TransportException lost = connectionLostDuringLogin(e);
      if (lost != null) {
        // a dropped link is worth retrying; a refusal is not (retrying a wrong password risks a lock-out)
        throw new SftpConnectionException(settings.host(), settings.port(),
            "cannot connect to SFTP server " + address() + ": connection lost during login ("
                + lost.getMessage() + ")", e);
      }
      throw new SftpAuthenticationException(settings.host(), settings.port(), settings.username(), e);
    } catch (TransportException e) {
      close(ssh);
      if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
        throw hostKeyCheck.refusal(settings.host(), settings.port(), e);
      }
      throw connectionFailed(e);
    } catch (IOException | RuntimeException e) {
      close(ssh);
      if (e instanceof CredinvestException ce) {
        throw ce;
      }
      throw connectionFailed(e);
    }
  }

  /**
   * Returns the transport failure behind a failed login when the connection broke underneath it (end
   * of stream, socket error), or null when the server answered: a refusal, or a disconnect the server
   * sent on purpose (such as OpenSSH's "Too many authentication failures").
   */
  static TransportException connectionLostDuringLogin(UserAuthException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof TransportException te) {
        return te.getDisconnectReason() == DisconnectReason.UNKNOWN ? te : null;
      }
    }
    return null;
  }

  private SftpConnectionException connectionFailed(Exception e) {
    String why;
    if (e instanceof UnknownHostException) {
      why = "unknown host " + settings.host();
    } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } else if (e instanceof SocketTimeoutException) {
      why = "no answer within " + settings.connectTimeout().toSeconds() + " s";
    } else {
      why = String.valueOf(e.getMessage());
    }
    return new SftpConnectionException(settings.host(), settings.port(),
        "cannot connect to SFTP server " + address() + ": " + why, e);
  }

  private List<AuthMethod> authMethods() {
    List<AuthMethod> methods = new ArrayList<>(2);
    if (settings.privateKey() != null || settings.privateKeyFile() != null) {
      methods.add(new AuthPublickey(keyProvider()));
    }
    if (settings.password() != null) {
      methods.add(new AuthPassword(PasswordUtils.createOneOff(settings.password().toCharArray())));
    }
    return methods;
  }

  /**
   * Loads the configured private key now, without connecting, so a key that cannot be read is
   * found before anything else happens; does nothing when no key is configured.
   *
   * @throws SourceConfigurationException if the key cannot be read
   */
  public void checkPrivateKey() {
    if (settings.privateKey() != null || settings.privateKeyFile() != null) {
      keyProvider();
    }
  }

  private KeyProvider keyProvider() {
    KeyPair pair = keyPair;
    if (pair == null) {
      pair = loadKeyPair();
      keyPair = pair;
    }
    return new KeyPairWrapper(pair);
  }

  private KeyPair loadKeyPair() {
    String passphrase = settings.privateKeyPassphrase();
    PasswordFinder finder = passphrase == null ? null : PasswordUtils.createOneOff(passphrase.toCharArray());
    String where = settings.privateKeyFile() != null ? "private key file " + settings.privateKeyFile()
        : "private key";
    String setting = settings.privateKeyFile() != null ? "privateKeyFile" : "privateKey";
    try (SSHClient loader = new SSHClient()) {
      KeyProvider provider;
      if (settings.privateKeyFile() != null) {
        if (!Files.isReadable(settings.privateKeyFile())) {
          throw new SourceConfigurationException(setting, where + " does not exist or cannot be read");
        }
        provider = loader.loadKeys(settings.privateKeyFile().toString(), finder);
      } else {
        provider = loader.loadKeys(settings.privateKey(), null, finder);
      }
      return new KeyPair(provider.getPublic(), provider.getPrivate());
    } catch (SourceConfigurationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // sshj's messages describe the format, never the key or passphrase
      String hint = passphrase == null ? " (is it encrypted? then give its passphrase)" : " (wrong passphrase?)";
      throw new SourceConfigurationException(setting, where + " cannot be read: " + e.getMessage() + hint, e);
    }
  }

  private static void close(SSHClient ssh) {
    try {
      ssh.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing a failed connection: {}", e.toString());
    }
  }
}

