package org.integratedsync.credinvest.internal;

import java.time.Duration;
import java.time.LocalDateTime;

/** Formats times and durations for messages. Stateless. */
public final class Texts {

  private Texts() {}

  /** Formats as {@code 2025-12-15 17:05}, adding {@code :01} only when the seconds are not zero. */
  public static String timestamp(LocalDateTime t) {
    StringBuilder sb = new StringBuilder(19);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append(' ');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2);
    if (t.getSecond() != 0) {
      pad(sb.append(':'), t.getSecond(), 2);
    }
    return sb.toString();
  }

  /** Formats as {@code 2 days 3 hours}, {@code 1 day} or {@code 1 minute 30 seconds}. */
  public static String duration(Duration d) {
    long total = d.getSeconds();
    if (total == 0 && d.getNano() != 0) {
      return d.toMillis() + " ms";
    }
    long days = total / 86_400;
    long hours = total % 86_400 / 3600;
    long minutes = total % 3600 / 60;
    long seconds = total % 60;
    StringBuilder sb = new StringBuilder();
    unit(sb, days, "day");
    unit(sb, hours, "hour");
    unit(sb, minutes, "minute");
    unit(sb, seconds, "second");
    return sb.length() == 0 ? "0 seconds" : sb.toString();
  }

  private static void unit(StringBuilder sb, long value, String name) {
    if (value != 0) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(value).append(' ').append(name);
      if (value != 1) {
        sb.append('s');
      }
    }
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
