package org.integratedsync.cli.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Layout;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Writes log lines to the command's console writer, so tests that capture the command's output
 * see them too. Thread-safe: {@link AppenderBase} serialises calls to {@link #append}.
 */
final class WriterAppender extends AppenderBase<ILoggingEvent> {
  private final PrintWriter out;
  private final Layout<ILoggingEvent> layout;

  WriterAppender(PrintWriter out, Layout<ILoggingEvent> layout) {
    this.out = Objects.requireNonNull(out, "out");
    this.layout = Objects.requireNonNull(layout, "layout");
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getMarkerList() != null
        && (event.getMarkerList().contains(SyncRun.SUMMARY) || event.getMarkerList().contains(SyncRun.RESULT))) {
      return; // the summary is printed on the console as plain lines, once per result
    }
    out.print(layout.doLayout(event));
    out.flush();
  }
}
