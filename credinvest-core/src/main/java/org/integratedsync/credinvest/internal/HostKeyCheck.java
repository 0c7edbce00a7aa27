package org.integratedsync.credinvest.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.integratedsync.credinvest.HostKeyException;
import org.integratedsync.credinvest.SftpSettings;
import org.integratedsync.credinvest.SourceConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the server's host key against a pinned fingerprint, a known_hosts file, or (explicit
 * opt-in) not at all, and remembers what it saw so a refusal can name the fingerprint. Thread-safe.
 */
public final class HostKeyCheck implements HostKeyVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

  private enum Problem { NONE, PINNED_MISMATCH, UNKNOWN, CHANGED }

  private final String pinned;
  private final Path knownHostsFile;
  private final RecordingKnownHosts knownHosts;
  private final boolean acceptAny;
  private volatile String presented;
  private volatile Problem problem = Problem.NONE;

  private HostKeyCheck(String pinned, Path knownHostsFile, RecordingKnownHosts knownHosts, boolean acceptAny) {
    this.pinned = pinned;
    this.knownHostsFile = knownHostsFile;
    this.knownHosts = knownHosts;
    this.acceptAny = acceptAny;
  }

  /**
   * Creates the check the settings ask for.
   *
   * @throws SourceConfigurationException if the known_hosts file exists but cannot be read
   */
  public static HostKeyCheck of(SftpSettings settings) {
    if (settings.acceptAnyHostKey()) {
      return new HostKeyCheck(null, null, null, true);
    }
    if (settings.hostKeyFingerprint() != null) {
      return new HostKeyCheck(stripPadding(settings.hostKeyFingerprint()), null, null, false);
    }
    Path file = settings.knownHostsFile();
    try {
      // a missing file is like an empty one: every host is unknown, and the refusal says so
      RecordingKnownHosts known = Files.exists(file) ? new RecordingKnownHosts(file) : null;
      return new HostKeyCheck(null, file, known, false);
    } catch (IOException e) {
      throw new SourceConfigurationException("knownHostsFile", "known_hosts file " + file + " cannot be read: " + IoErrors.reason(e), e);
    }
  }

  /** Returns a key's fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    String seen = fingerprint(key);
    presented = seen;
    if (acceptAny) {
      LOG.warn("Host key checking is OFF for {}:{} (accept-any-host-key): accepted {} without verifying it;"
          + " anyone on the network path could impersonate this server", hostname, port, seen);
      problem = Problem.NONE;
      return true;
    }
    if (pinned != null) {
      boolean ok = pinned.equals(seen);
      problem = ok ? Problem.NONE : Problem.PINNED_MISMATCH;
      return ok;
    }
    if (knownHosts == null) {
      problem = Problem.UNKNOWN;
      return false;
    }
    knownHosts.outcome.set(Problem.NONE);
    boolean ok = knownHosts.verify(hostname, port, key);
    problem = ok ? Problem.NONE : knownHosts.outcome.get() == Problem.CHANGED ? Problem.CHANGED : Problem.UNKNOWN;
    return ok;
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    return knownHosts == null ? List.of() : knownHosts.findExistingAlgorithms(hostname, port);
  }

  /** Returns the fingerprint of the last host key presented, or null before the first connection. */
  public String presentedFingerprint() {
    return presented;
  }

  /** Builds the refusal after the SSH library rejected the host key. */
  public HostKeyException refusal(String host, int port, Throwable cause) {
    String seen = presented;
    String address = host + ":" + port;
    switch (problem) {
      case PINNED_MISMATCH:
        return new HostKeyException(host, port, seen, pinned,
            "host key of " + address + " is " + seen + ", but " + pinned + " is pinned; if the server's key was"
                + " changed on purpose, pin the new fingerprint after checking it with the server's administrator",
            cause);
      case CHANGED:
        return new HostKeyException(host, port, seen, "known_hosts " + knownHostsFile,
            "host key of " + address + " has CHANGED: the server presented " + seen + ", but known_hosts file "
                + knownHostsFile + " holds a different key for it; this may be an attack; if the change is"
                + " expected, replace the entry after checking the fingerprint with the server's administrator",
            cause);
      default:
        return new HostKeyException(host, port, seen, "known_hosts " + knownHostsFile,
            "host key " + seen + " of " + address + " is not in known_hosts file " + knownHostsFile
                + (Files.exists(knownHostsFile) ? "" : " (the file does not exist)")
                + "; check the fingerprint with the server's administrator, then add the host to the file"
                + " or pin the fingerprint",
            cause);
    }
  }

  private static String stripPadding(String fingerprint) {
    String s = fingerprint;
    while (s.endsWith("=")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** Records whether the key was unknown or changed (the base class only answers yes or no). */
  private static final class RecordingKnownHosts extends OpenSSHKnownHosts {
    private final ThreadLocal<Problem> outcome = ThreadLocal.withInitial(() -> Problem.NONE);

    RecordingKnownHosts(Path file) throws IOException {
      super(file.toFile());
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
      outcome.set(Problem.UNKNOWN);
      return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
      outcome.set(Problem.CHANGED);
      return false;
    }
  }
}
