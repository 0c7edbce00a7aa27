package org.integratedsync.cli.internal.report;

import java.util.Locale;
import org.jsoup.nodes.Entities;

/** Escaping for the report's HTML and SVG text and double-quoted attribute values, through jsoup. */
final class Html {

  private Html() {}

  /** Returns {@code text} escaped for element content or a double-quoted attribute ({@code < > & " '}). */
  static String escape(String text) {
    return Entities.escape(text);
  }

  /** Returns a coordinate with two decimals and a dot, as SVG wants it. */
  static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
