package org.integratedsync.credinvest.internal;

import com.hierynomus.sshj.transport.cipher.GcmCipher;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.BaseCipher;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * AES ciphers for sshj that always run on the JDK's own provider (SunJCE), and the cipher order
 * that prefers them.
 *
 * <p>sshj creates its ciphers through the security provider it registers, BouncyCastle when that
 * is on the class path, whose AES is plain Java. SunJCE's AES-GCM and AES-CTR use the processor's
 * AES and carry-less multiply instructions, which makes bulk transfers several times cheaper: one
 * connection's decryption is what limits a download on a fast link. The keys, IVs and packet
 * handling stay sshj's; only the {@link javax.crypto.Cipher} behind them changes. Stateless.
 */
final class JceCiphers {

  private static final String SUN_JCE = "SunJCE";

  private JceCiphers() {}

  /**
   * Puts AES-GCM and AES-CTR on the JDK provider first in {@code config}'s cipher list, followed by
   * sshj's other ciphers in their own order, for servers that offer none of these.
   */
  static void preferHardwareAes(Config config) {
    List<Factory.Named<Cipher>> preferred = new ArrayList<>(List.of(
        new GcmFactory("aes128-gcm@openssh.com", 16),
        new GcmFactory("aes256-gcm@openssh.com", 32),
        new CtrFactory("aes128-ctr", 16),
        new CtrFactory("aes192-ctr", 24),
        new CtrFactory("aes256-ctr", 32)));
    Set<String> names = new LinkedHashSet<>();
    preferred.forEach(f -> names.add(f.getName()));
    for (Factory.Named<Cipher> factory : config.getCipherFactories()) {
      if (names.add(factory.getName())) {
        preferred.add(factory);
      }
    }
    config.setCipherFactories(preferred);
  }

  /** Returns the JDK's own implementation of {@code transformation}, or the first provider's. */
  static javax.crypto.Cipher jdkCipher(String transformation) {
    try {
      try {
        return javax.crypto.Cipher.getInstance(transformation, SUN_JCE);
      } catch (GeneralSecurityException e) {
        // a JDK without SunJCE (unusual): whichever provider comes first
        return javax.crypto.Cipher.getInstance(transformation);
      }
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new SSHRuntimeException(e);
    }
  }

  /** {@code aesNNN-gcm@openssh.com} (RFC 5647 as OpenSSH uses it) on the JDK provider. */
  private record GcmFactory(String name, int keySize) implements Factory.Named<Cipher> {
    @Override
    public Cipher create() {
      return new JdkGcm(keySize);
    }

    @Override
    public String getName() {
      return name;
    }
  }

  /** sshj's GCM packet handling, with the JDK's AES/GCM underneath. */
  private static final class JdkGcm extends GcmCipher {
    JdkGcm(int keySize) {
      super(12, 16, keySize, "AES", "AES/GCM/NoPadding");
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) {
      super.init(mode, key, iv); // derives key and nonce
      cipher = jdkCipher("AES/GCM/NoPadding");
      initialized = false; // the next packet initialises the JDK cipher with the same key and nonce
    }
  }

  /** {@code aesNNN-ctr} (RFC 4344) on the JDK provider. */
  private record CtrFactory(String name, int keySize) implements Factory.Named<Cipher> {
    @Override
    public Cipher create() {
      return new JdkCtr(keySize);
    }

    @Override
    public String getName() {
      return name;
    }
  }

  /** A stream of AES-CTR, as sshj's block ciphers, on the JDK provider. */
  private static final class JdkCtr extends BaseCipher {
    JdkCtr(int keySize) {
      super(16, keySize, "AES", "AES/CTR/NoPadding");
    }

    @Override
    protected void initCipher(javax.crypto.Cipher ignored, Mode mode, byte[] key, byte[] iv)
        throws java.security.InvalidKeyException, java.security.InvalidAlgorithmParameterException {
      cipher = jdkCipher("AES/CTR/NoPadding");
      cipher.init(getMode(mode), new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    }
  }
}
