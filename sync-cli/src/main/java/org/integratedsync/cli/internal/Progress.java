package org.integratedsync.cli.internal;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the progress of a long transfer: an updating line on a terminal, and a plain line in the
 * log for every tenth of the work (so the log does not fill with progress). Thread-safe.
 */
public final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private final PrintWriter terminal;
  private int lastLoggedTenth = -1;
  private boolean lineOpen;

  private Progress(PrintWriter terminal) {
    this.terminal = terminal;
  }

  /** Returns progress that updates a line on {@code console} if it is a terminal. */
  public static Progress on(PrintWriter console, boolean interactive) {
    return new Progress(interactive ? console : null);
  }

  /** Returns progress that only logs. */
  public static Progress logOnly() {
    return new Progress(null);
  }

  /** Starts a new activity. */
  public synchronized void start(String activity, long total) {
    lastLoggedTenth = -1;
    update(activity, 0, total);
  }

  /** Reports that {@code done} of {@code total} units are done. */
  public synchronized void update(String activity, long done, long total) {
    int tenth = total <= 0 ? 10 : (int) Math.min(10, done * 10 / total);
    if (terminal != null) {
      terminal.print("\r" + activity + ": " + done + "/" + total + "   ");
      terminal.flush();
      lineOpen = true;
    }
    if (tenth != lastLoggedTenth) {
      lastLoggedTenth = tenth;
      LOG.debug("{}: {} of {}", activity, done, total);
    }
  }

  /** Ends the current activity, closing the terminal line. */
  public synchronized void finish() {
    if (terminal != null && lineOpen) {
      terminal.print("\r" + " ".repeat(79) + "\r"); // no ANSI codes: plain consoles too
      terminal.flush();
      lineOpen = false;
    }
  }
}
