package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aTerminalGetsOneUpdatingLineThatIsClearedAtTheEnd() {
    StringWriter terminal = new StringWriter();
    Progress progress = Progress.on(new PrintWriter(terminal), true);

    progress.start("downloading", 3);
    progress.update("downloading", 1, 3);
    progress.update("downloading", 3, 3);
    progress.finish();

    assertThat(terminal.toString())
        .startsWith("\rdownloading: 0/3")
        .contains("\rdownloading: 1/3", "\rdownloading: 3/3")
        .doesNotContain("\n", "\u001b")
        .endsWith("\r");
  }

  @Test
  void withoutATerminalNothingIsPrinted() {
    StringWriter console = new StringWriter();
    Progress progress = Progress.on(new PrintWriter(console), false);

    progress.start("downloading", 2);
    progress.update("downloading", 2, 2);
    progress.finish();

    assertThat(console.toString()).isEmpty();
  }
}
