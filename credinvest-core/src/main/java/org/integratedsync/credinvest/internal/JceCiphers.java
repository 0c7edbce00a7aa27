package org.integratedsync.credinvest.internal;

import com.hierynomus.sshj.transport.cipher.GcmCipher;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.BaseCipher;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * AES ciphers for sshj that always run on the JDK's own provider (SunJCE), and the sshj
 * configuration that prefers them.
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
   * Returns the ciphers offered, best first: AES-GCM and AES-CTR on the JDK provider, then
   * ChaCha20-Poly1305 and AES-CBC as sshj implements them, for servers that offer none of those.
   * Nothing older (3DES, Blowfish, RC4) is offered.
   */
  static List<Factory.Named<Cipher>> preferred() {
    return List.of(
        new GcmFactory("aes128-gcm@openssh.com", 16),
        new GcmFactory("aes256-gcm@openssh.com", 32),
        new CtrFactory("aes128-ctr", 16),
        new CtrFactory("aes192-ctr", 24),
        new CtrFactory("aes256-ctr", 32),
        ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
        BlockCiphers.AES128CBC(),
        BlockCiphers.AES192CBC(),
        BlockCiphers.AES256CBC());
  }

  /**
   * An sshj configuration offering {@link #preferred()}. Unlike {@link DefaultConfig}'s own list it
   * does not first create and initialise every cipher sshj knows (Twofish, Serpent, …) to see
   * which work, which costs each connection a noticeable share of its start. One instance can be
   * shared by many connections as long as nobody changes it.
   */
  static final class PreferredConfig extends DefaultConfig {
    @Override
    protected void initCipherFactories() {
      setCipherFactories(preferred());
    }
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
