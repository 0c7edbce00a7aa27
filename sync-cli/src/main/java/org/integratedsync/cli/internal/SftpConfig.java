package org.integratedsync.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The SFTP settings, checked: host, port, login, key or password, and how the host key is
 * verified.
 *
 * @param host server host
 * @param port server port
 * @param username login name
 * @param password password, or null
 * @param privateKey PEM text of the private key, or null
 * @param passphrase passphrase of the key, or null
 * @param hostKeyFingerprint pinned {@code SHA256:} fingerprint, or null
 * @param knownHosts known_hosts file, used when no fingerprint is pinned
 * @param directory remote folder, or null for the login folder
 */
record SftpConfig(
    String host,
    int port,
    String username,
    String password,
    String privateKey,
    String passphrase,
    String hostKeyFingerprint,
    Path knownHosts,
    String directory) {

  /**
   * Reads and checks the SFTP settings.
   *
   * @param neededFor what needs them, for messages
   * @throws ConfigurationException if one is missing or malformed
   */
  static SftpConfig from(Settings settings, String neededFor) {
    String why = neededFor + " (or use --source-dir)";
    String host = settings.require(Settings.SFTP_HOST, why);
    checkHost(host, settings);
    int port = settings.integer(Settings.SFTP_PORT, 1, 65535).orElse(22);
    String username = settings.require(Settings.SFTP_USERNAME, why);
    String password = settings.get(Settings.SFTP_PASSWORD).orElse(null);
    String key = settings.get(Settings.SFTP_PRIVATE_KEY).orElse(null);
    if (password == null && key == null) {
      throw new ConfigurationException(
          Settings.SFTP_PASSWORD,
          "missing setting CREDINVEST_SFTP_PASSWORD or CREDINVEST_SFTP_PRIVATE_KEY (or their _FILE forms), needed by "
              + why
              + ": set one in the environment or in "
              + Settings.DEFAULT_PROPERTIES_FILE);
    }
    // the key's and the fingerprint's form are checked by SftpSettings and SftpSource, one rule
    // for the library and the command (SourceConfig maps their setting names onto ours)
    String fingerprint = settings.get(Settings.SFTP_HOST_KEY).orElse(null);
    Path knownHosts = null;
    if (fingerprint == null) {
      Optional<Path> configured = settings.path(Settings.SFTP_KNOWN_HOSTS);
      knownHosts =
          configured.orElseGet(() -> Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
      if (!Files.isReadable(knownHosts)) {
        throw new ConfigurationException(
            configured.isPresent() ? Settings.SFTP_KNOWN_HOSTS : Settings.SFTP_HOST_KEY,
            "cannot verify the SFTP host key: set CREDINVEST_SFTP_HOST_KEY to its SHA256: fingerprint, "
                + "or CREDINVEST_SFTP_KNOWN_HOSTS to a known_hosts file ("
                + knownHosts
                + " cannot be read)");
      }
    }
    return new SftpConfig(
        host,
        port,
        username,
        password,
        key,
        settings.get(Settings.SFTP_PRIVATE_KEY_PASSPHRASE).orElse(null),
        fingerprint,
        knownHosts,
        settings.get(Settings.SFTP_DIR).orElse(null));
  }

  /** A host name, an IPv4 address or an IPv6 address (optionally in brackets). */
  private static final java.util.regex.Pattern HOST =
      java.util.regex.Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\\.?"
              + "|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%A-Za-z]*]?");

  /**
   * Checks that the host is a bare host name or address: no scheme, user, port, path or space.
   *
   * @throws ConfigurationException if it is not
   */
  static void checkHost(String host, Settings settings) {
    if (HOST.matcher(host).matches()) {
      return;
    }
    String hint;
    if (host.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      hint = "a host name such as sftp.example.com, without " + host.substring(0, host.indexOf("://") + 3);
    } else if (host.contains("@")) {
      hint = "a host name such as sftp.example.com, without a user (set CREDINVEST_SFTP_USERNAME)";
    } else if (host.matches("[^:]+:\\d+")) {
      hint = "a host name such as sftp.example.com, without a port (set CREDINVEST_SFTP_PORT)";
    } else {
      hint = "a host name such as sftp.example.com or an IP address, with no spaces";
    }
    throw Settings.malformed(Settings.SFTP_HOST, hint, settings.value(Settings.SFTP_HOST).orElseThrow());
  }

  @Override
  public String toString() {
    return "SftpConfig[" + username + "@" + host + ":" + port + (directory == null ? "" : directory) + "]";
  }
}
