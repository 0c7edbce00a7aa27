package org.integratedsync.benchmarks;

import java.util.List;

/** Renders rows as one markdown table. Stateless and thread-safe. */
final class Table {

  static final String HEADER =
      "| scenario | ours (median) | baseline | ratio | peak heap | goal | met? |\n"
          + "|---|---|---|---|---|---|---|\n";

  private Table() {}

  /** Renders the table and, below it, one numbered note per row that has one. */
  static String render(List<Row> rows) {
    StringBuilder out = new StringBuilder(HEADER);
    StringBuilder notes = new StringBuilder();
    int n = 0;
    for (Row row : rows) {
      String marker = "";
      if (!row.note().isEmpty()) {
        n++;
        marker = " [" + n + "]";
        notes.append('[').append(n).append("] ").append(cell(row.note())).append('\n');
      }
      out.append("| ").append(cell(row.scenario())).append(marker)
          .append(" | ").append(cell(withDetail(Stats.time(row.ours()), row.oursDetail(), row.ours() != null)))
          .append(" | ").append(cell(withDetail(Stats.time(row.baseline()), row.baselineDetail(),
              row.baseline() != null)))
          .append(" | ").append(cell(row.ratio()))
          .append(" | ").append(cell(row.peakHeap()))
          .append(" | ").append(cell(row.goal()))
          .append(" | ").append(row.met().startsWith("no") ? "**" + row.met() + "**" : row.met())
          .append(" |\n");
    }
    if (notes.length() > 0) {
      out.append('\n').append(notes);
    }
    return out.toString();
  }

  private static String withDetail(String time, String detail, boolean hasTime) {
    if (detail.isEmpty()) {
      return time;
    }
    return hasTime ? time + " (" + detail + ")" : detail;
  }

  /** Keeps a cell on one line and escapes the column separator. */
  static String cell(String text) {
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
  }
}
