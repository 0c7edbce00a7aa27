package org.integratedsync.dropbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
  @Test
  void givesTheReasonWithoutJavaClassNamesWhereThereIsOne() {
    assertThat(IoErrors.reason(new AccessDeniedException("/cred/a.xlsx"))).isEqualTo("permission denied");
    assertThat(IoErrors.reason(new NoSuchFileException("/cred"))).isEqualTo("no such file or folder");
    assertThat(IoErrors.reason(new FileSystemException("/cred/a.xlsx", null, "No space left on device")))
        .isEqualTo("No space left on device");
    assertThat(IoErrors.reason(new IOException("Input/output error"))).isEqualTo("Input/output error");
    // no reason at all: the type is the only information there is
    assertThat(IoErrors.reason(new DirectoryNotEmptyException("/cred/sub"))).isEqualTo("DirectoryNotEmptyException");
  }
}
