package org.integratedsync.credinvest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;
import org.junit.jupiter.api.Test;

/** The JDK-provider ciphers speak exactly sshj's own wire format, packet after packet. */
class JceCiphersTest {

  private static final byte[] KEY = bytes(32, 1);
  private static final byte[] IV = bytes(16, 2);

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static Cipher preferred(String name) {
    return Factory.Named.Util.create(new JceCiphers.PreferredConfig().getCipherFactories(), name);
  }

  @Test
  void aesGcmAndCtrComeFirstThenChachaAndCbcAsSshjHasThem() {
    List<String> offered = Factory.Named.Util.getNames(new JceCiphers.PreferredConfig().getCipherFactories());

    assertThat(offered).containsExactly("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
        "aes128-ctr", "aes192-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com",
        "aes128-cbc", "aes192-cbc", "aes256-cbc");
    // everything offered works on this JDK
    for (String name : offered) {
      Cipher cipher = preferred(name);
      cipher.init(Cipher.Mode.Encrypt, KEY, Arrays.copyOf(IV, Math.max(cipher.getIVSize(), 1)));
    }
  }

  @Test
  void gcmPacketsSealedOnTheJdkProviderOpenWithSshjsOwnCipherAndBack() {
    for (String name : List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com")) {
      Cipher ours = preferred(name);
      Cipher theirs = Factory.Named.Util.create(
          List.of(GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM()), name);
      roundTripGcm(ours, theirs);
      roundTripGcm(preferred(name), Factory.Named.Util.create(
          List.of(GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM()), name));
    }
  }

  private static void roundTripGcm(Cipher sealer, Cipher opener) {
    byte[] iv = Arrays.copyOf(IV, sealer.getIVSize());
    sealer.init(Cipher.Mode.Encrypt, KEY, iv);
    opener.init(Cipher.Mode.Decrypt, KEY, iv);
    for (int packet = 0; packet < 3; packet++) { // the nonce counter advances with each packet
      byte[] plain = ("packet " + packet + " of an SFTP read reply").getBytes(StandardCharsets.US_ASCII);
      int length = (plain.length + 15) / 16 * 16;
      byte[] buffer = new byte[4 + length + sealer.getAuthenticationTagSize()];
      buffer[3] = (byte) length;
      System.arraycopy(plain, 0, buffer, 4, plain.length);
      byte[] expected = Arrays.copyOfRange(buffer, 4, 4 + length);

      sealer.updateAAD(buffer, 0, 4);
      sealer.update(buffer, 4, length);
      assertThat(Arrays.copyOfRange(buffer, 4, 4 + length)).isNotEqualTo(expected);
      opener.updateAAD(buffer, 0, 4);
      opener.update(buffer, 4, length);

      assertThat(Arrays.copyOfRange(buffer, 4, 4 + length)).isEqualTo(expected);
    }
  }

  @Test
  void ctrStreamsMatchSshjsOwnCipher() {
    for (String name : List.of("aes128-ctr", "aes192-ctr", "aes256-ctr")) {
      Cipher ours = preferred(name);
      Cipher theirs = Factory.Named.Util.create(
          List.of(BlockCiphers.AES128CTR(), BlockCiphers.AES192CTR(), BlockCiphers.AES256CTR()), name);
      ours.init(Cipher.Mode.Encrypt, KEY, IV);
      theirs.init(Cipher.Mode.Decrypt, KEY, IV);
      byte[] data = bytes(1024, 3); // SSH packets are whole blocks
      byte[] buffer = data.clone();
      ours.update(buffer, 0, 512);
      ours.update(buffer, 512, 512);
      assertThat(buffer).isNotEqualTo(data);
      theirs.update(buffer, 0, 1024);
      assertThat(buffer).as(name).isEqualTo(data);
    }
  }
}
