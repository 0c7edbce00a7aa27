package org.integratedsync.credinvest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import org.junit.jupiter.api.Test;

class OpenSftpTest {
  @Test
  void aConnectionGoneBeforeTheChannelOpensIsARetryableIoErrorNotAnUncheckedOne() throws Exception {
    // sshj throws IllegalStateException("Not connected") here; the retry loops only see IOExceptions
    try (SSHClient notConnected = new SSHClient()) {
      assertThatThrownBy(() -> ConnectionManager.openSftp(notConnected))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("connection lost")
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThat(ConnectionManager.isConnectionProblem(new ConnectionException("x"), notConnected)).isTrue();
    }
  }
}
