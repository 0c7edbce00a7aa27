package org.integratedsync.testkit.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * A freshly generated SSH client key pair for tests, with its private key rendered as the text an
 * SSH client reads (OpenSSH format, optionally passphrase-protected, or PKCS#8 PEM for RSA).
 *
 * <p>Register {@link #publicKey()} with {@link SftpTestServer#withPublicKeyUser(String, PublicKey)}.
 * Instances are immutable and thread-safe.
 */
public final class TestKeyPair {

  private final KeyPair keyPair;

  private TestKeyPair(KeyPair keyPair) {
    this.keyPair = keyPair;
  }

  /** Generates an Ed25519 key pair. */
  public static TestKeyPair ed25519() {
    return generate(KeyPairType.ED25519);
  }

  /** Generates a 2048-bit RSA key pair. */
  public static TestKeyPair rsa() {
    return generate(KeyPairType.RSA);
  }

  private static TestKeyPair generate(KeyPairType type) {
    try {
      return new TestKeyPair(type == KeyPairType.RSA
          ? KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048)
          : KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key pair: " + e, e);
    }
  }

  /** Returns the key pair. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** Returns the public key. */
  public PublicKey publicKey() {
    return keyPair.getPublic();
  }

  /** Returns the public key as an authorized_keys line, e.g. {@code ssh-ed25519 AAAA…}. */
  public String authorizedKeysLine() {
    return PublicKeyEntry.toString(keyPair.getPublic());
  }

  /** Returns the public key's fingerprint, {@code SHA256:…}. */
  public String fingerprint() {
    return KeyUtils.getFingerPrint(keyPair.getPublic());
  }

  /**
   * Returns the private key in OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}).
   *
   * @param passphrase passphrase to encrypt it with (aes256-ctr, bcrypt KDF with 2 rounds), or {@code null} for
   *     an unencrypted key
   */
  public String openSshPrivateKey(String passphrase) {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
      // a low bcrypt work factor: decrypting with the default 16 rounds takes seconds in pure Java
      encryption.setKdfRounds(2);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "test", encryption, out);
      return out.toString(StandardCharsets.US_ASCII);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the private key: " + e, e);
    }
  }

  /**
   * Returns the private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}).
   *
   * <p>Meant for RSA keys: sshj does not read Ed25519 keys in PKCS#8.
   */
  public String pkcs8Pem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(keyPair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /**
   * Writes {@link #openSshPrivateKey(String)} to {@code file}.
   *
   * @return {@code file}
   */
  public Path writeOpenSshPrivateKey(Path file, String passphrase) {
    try {
      Files.writeString(file, openSshPrivateKey(passphrase), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private enum KeyPairType { ED25519, RSA }
}
