package org.integratedsync.testkit.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import net.schmizz.sshj.common.DisconnectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SftpTestServerTest {

  private static final TestKeyPair ED25519 = TestKeyPair.ed25519();

  @RegisterExtension
  static final SftpTestServer SERVER = new SftpTestServer()
      .withPasswordUser("alice", "alice-pw")
      .withPublicKeyUser("bob", ED25519.publicKey());

  @TempDir Path tmp;

  private SSHClient connect(String fingerprint) throws IOException {
    SSHClient ssh = new SSHClient();
    ssh.addHostKeyVerifier(fingerprint);
    ssh.connect(SERVER.host(), SERVER.port());
    return ssh;
  }

  @Test
  void pinnedClientListsAndDownloadsWithMtime() throws IOException {
    Instant mtime = Instant.parse("2025-12-15T16:05:01Z");
    SERVER.writeFile("in/a.txt", "hello".getBytes(StandardCharsets.UTF_8), mtime);

    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      ssh.authPassword("alice", "alice-pw");
      try (SFTPClient sftp = ssh.newSFTPClient()) {
        List<RemoteResourceInfo> listing = sftp.ls("/in");
        assertThat(listing).extracting(RemoteResourceInfo::getName).containsExactly("a.txt");
        assertThat(listing.get(0).getAttributes().getSize()).isEqualTo(5);
        assertThat(listing.get(0).getAttributes().getMtime()).isEqualTo(mtime.getEpochSecond());
        sftp.get("/in/a.txt", tmp.resolve("a.txt").toString());
      }
    }
    assertThat(tmp.resolve("a.txt")).hasContent("hello");
  }

  @Test
  void wrongFingerprintIsRefused() {
    String other = new SftpTestServer().hostKeyFingerprint();
    assertThat(other).startsWith("SHA256:").isNotEqualTo(SERVER.hostKeyFingerprint());

    assertThatThrownBy(() -> connect(other).close())
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.getDisconnectReason()).isEqualTo(DisconnectReason.HOST_KEY_NOT_VERIFIABLE));
  }

  @Test
  void knownHostsFileIsAcceptedByClient() throws IOException {
    Path knownHosts = SERVER.writeKnownHosts(tmp.resolve("known_hosts"));
    try (SSHClient ssh = new SSHClient()) {
      ssh.loadKnownHosts(knownHosts.toFile());
      ssh.connect(SERVER.host(), SERVER.port());
      ssh.authPassword("alice", "alice-pw");
      assertThat(ssh.isAuthenticated()).isTrue();
    }
  }

  @Test
  void wrongPasswordIsRejected() throws IOException {
    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      assertThatThrownBy(() -> ssh.authPassword("alice", "nope")).isInstanceOf(UserAuthException.class);
    }
  }

  @Test
  void encryptedOpenSshEd25519KeyLogsIn() throws IOException {
    Path keyFile = ED25519.writeOpenSshPrivateKey(tmp.resolve("id_ed25519"), "pass phrase");
    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      ssh.authPublickey("bob", ssh.loadKeys(keyFile.toString(), "pass phrase"));
      assertThat(ssh.isAuthenticated()).isTrue();
    }
  }

  @Test
  void rsaPkcs8KeyFromTextLogsIn() throws IOException {
    TestKeyPair rsa = TestKeyPair.rsa();
    SERVER.withPublicKeyUser("carol", rsa.publicKey());
    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      ssh.authPublickey("carol", ssh.loadKeys(rsa.pkcs8Pem(), null, null));
      assertThat(ssh.isAuthenticated()).isTrue();
    }
  }

  @Test
  void unregisteredKeyIsRejected() throws IOException {
    TestKeyPair stranger = TestKeyPair.ed25519();
    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      assertThatThrownBy(() -> ssh.authPublickey("bob",
              ssh.loadKeys(stranger.openSshPrivateKey(null), null, PasswordUtils.createOneOff(new char[0]))))
          .isInstanceOf(UserAuthException.class);
    }
  }

  @Test
  void killTriggerBreaksATransferOnceThenDisarms() throws IOException {
    byte[] content = new byte[1 << 20];
    new Random(42).nextBytes(content);
    SERVER.writeFile("big.bin", content, Instant.parse("2025-01-01T00:00:00Z"));
    int killsBefore = SERVER.killCount();
    SERVER.killSessionsAfterBytesRead(64 * 1024);

    try (SSHClient ssh = new SSHClient()) {
      ssh.addHostKeyVerifier(new PromiscuousVerifier());
      ssh.connect(SERVER.host(), SERVER.port());
      ssh.authPassword("alice", "alice-pw");
      SFTPClient sftp = ssh.newSFTPClient();
      // sshj's get() sometimes reports the broken transfer as IllegalArgumentException (self-suppression)
      assertThatThrownBy(() -> sftp.get("/big.bin", tmp.resolve("broken.bin").toString()))
          .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
    }
    assertThat(SERVER.killCount()).isEqualTo(killsBefore + 1);
    assertThat(tmp.resolve("broken.bin")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(),
        p -> assertThat(Files.size(p)).isLessThan(content.length));

    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      ssh.authPassword("alice", "alice-pw");
      try (SFTPClient sftp = ssh.newSFTPClient()) {
        sftp.get("/big.bin", tmp.resolve("ok.bin").toString());
      }
    }
    assertThat(Files.readAllBytes(tmp.resolve("ok.bin"))).isEqualTo(content);
  }

  @Test
  void stopTriggerStopsTheServerMidTransfer() throws IOException {
    byte[] content = new byte[1 << 20];
    new Random(7).nextBytes(content);
    SERVER.writeFile("stop.bin", content, Instant.parse("2025-01-01T00:00:00Z"));
    long before = SERVER.bytesRead();
    SERVER.stopAfterBytesRead(64 * 1024);

    try (SSHClient ssh = connect(SERVER.hostKeyFingerprint())) {
      ssh.authPassword("alice", "alice-pw");
      SFTPClient sftp = ssh.newSFTPClient();
      assertThatThrownBy(() -> sftp.get("/stop.bin", tmp.resolve("stop.bin").toString()))
          .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
    }
    assertThat(SERVER.isRunning()).isFalse();
    assertThat(SERVER.bytesRead() - before).isLessThan(content.length);
    SERVER.start();
    assertThat(SERVER.isRunning()).isTrue();
  }

  @Test
  void stoppedServerStartsAgainOnSamePortWithSameKey() throws IOException {
    int port = SERVER.port();
    String fingerprint = SERVER.hostKeyFingerprint();
    SERVER.stop();
    assertThat(SERVER.isRunning()).isFalse();
    SERVER.start();
    assertThat(SERVER.port()).isEqualTo(port);
    try (SSHClient ssh = connect(fingerprint)) {
      ssh.authPassword("alice", "alice-pw");
      assertThat(ssh.isAuthenticated()).isTrue();
    }
  }

  @Test
  void plainApiOutsideJunitServesAndCleansUp() throws IOException {
    Path root;
    try (SftpTestServer server = new SftpTestServer().withPasswordUser("u", "p").start()) {
      root = server.root();
      server.writeFile("x.txt", new byte[] {1, 2, 3}, Instant.EPOCH);
      try (SSHClient ssh = new SSHClient()) {
        ssh.addHostKeyVerifier(server.hostKeyFingerprint());
        ssh.connect(server.host(), server.port());
        ssh.authPassword("u", "p");
        try (SFTPClient sftp = ssh.newSFTPClient()) {
          assertThat(sftp.size("/x.txt")).isEqualTo(3);
        }
      }
    }
    assertThat(root).doesNotExist();
  }
}
