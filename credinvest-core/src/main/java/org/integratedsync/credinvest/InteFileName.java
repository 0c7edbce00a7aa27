package org.integratedsync.credinvest;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Parser for INTE report file names, {@code <account>-<timestamp>-INTE<100|400>F.xlsx}.
 *
 * <ul>
 *   <li>account: one or more ASCII letters or digits, kept exactly as written;
 *   <li>timestamp: {@code yyyyMMdd}, {@code yyyyMMddHHmm} or {@code yyyyMMddHHmmss}, a real date and
 *       time of day (hour 24 is not a time);
 *   <li>{@code INTE}, the type {@code 100F}/{@code 400F} and the extension {@code .xlsx} match without
 *       regard to ASCII case only: Unicode look-alikes ({@code ſ}, dotless {@code ı}, fullwidth
 *       letters and digits) never match.
 * </ul>
 *
 * <p>Parsing never throws for a bad name: it returns {@link ParsedName.Unrecognised} with the reason.
 * It uses no regular expressions. This class is stateless and thread-safe.
 */
public final class InteFileName {

  /** The pattern in words, as used in messages. */
  public static final String PATTERN = "<account>-<timestamp>-INTE<100|400>F.xlsx";

  private static final String EXTENSION = ".xlsx";

  private InteFileName() {}

  /**
   * Parses a file name.
   *
   * @param name a file name without folder
   * @return the parsed file or the reason the name is not recognised
   * @throws NullPointerException if {@code name} is null
   */
  public static ParsedName parse(String name) {
    Objects.requireNonNull(name, "name");
    int length = name.length();
    if (length < EXTENSION.length()
        || !asciiRegionMatchesIgnoreCase(name, length - EXTENSION.length(), EXTENSION)) {
      return unrecognised(name, "does not end in .xlsx");
    }
    int end = length - EXTENSION.length();
    int firstDash = name.indexOf('-');
    int lastDash = end == 0 ? -1 : name.lastIndexOf('-', end - 1);
    if (firstDash < 0 || firstDash == lastDash) {
      return unrecognised(name, "does not match " + PATTERN);
    }
    if (firstDash == 0) {
      return unrecognised(name, "account is empty");
    }
    for (int i = 0; i < firstDash; i++) {
      if (!isAsciiLetterOrDigit(name.charAt(i))) {
        return unrecognised(name,
            "account \"" + name.substring(0, firstDash) + "\" has characters other than ASCII letters and digits");
      }
    }

    int tsStart = firstDash + 1;
    int tsLength = lastDash - tsStart;
    for (int i = tsStart; i < lastDash; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return unrecognised(name, c == '-'
            ? "does not match " + PATTERN + " (too many '-')"
            : "timestamp \"" + name.substring(tsStart, lastDash) + "\" is not all digits");
      }
    }
    if (tsLength != 8 && tsLength != 12 && tsLength != 14) {
      return unrecognised(name, "timestamp " + (tsLength == 0 ? "is empty" : name.substring(tsStart, lastDash)
          + " has " + tsLength + " digits, not 8 (yyyyMMdd), 12 (yyyyMMddHHmm) or 14 (yyyyMMddHHmmss)"));
    }
    int year = digits(name, tsStart, 4);
    int month = digits(name, tsStart + 4, 2);
    int day = digits(name, tsStart + 6, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return unrecognised(name, "timestamp " + name.substring(tsStart, lastDash) + " is not a date");
    }
    int hour = tsLength >= 12 ? digits(name, tsStart + 8, 2) : 0;
    int minute = tsLength >= 12 ? digits(name, tsStart + 10, 2) : 0;
    int second = tsLength == 14 ? digits(name, tsStart + 12, 2) : 0;
    if (hour > 23 || minute > 59 || second > 59) {
      return unrecognised(name, "timestamp " + name.substring(tsStart, lastDash) + " is not a time of day");
    }

    InteType type = type(name, lastDash + 1, end);
    if (type == null) {
      return unrecognised(name, "type \"" + name.substring(lastDash + 1, end) + "\" is not INTE100F or INTE400F");
    }
    return new ParsedName.Recognised(new InteFile(
        name, name.substring(0, firstDash), type, LocalDateTime.of(year, month, day, hour, minute, second)));
  }

  /**
   * Parses a file name, dropping the reason if it is not recognised.
   *
   * @throws NullPointerException if {@code name} is null
   */
  public static Optional<InteFile> tryParse(String name) {
    return parse(name).file();
  }

  private static InteType type(String name, int start, int end) {
    // INTE + 100|400 + F
    if (end - start != 8 || !asciiRegionMatchesIgnoreCase(name, start, "INTE")) {
      return null;
    }
    char f = name.charAt(start + 7);
    if (f != 'F' && f != 'f' || name.charAt(start + 5) != '0' || name.charAt(start + 6) != '0') {
      return null;
    }
    switch (name.charAt(start + 4)) {
      case '1':
        return InteType.INTE100F;
      case '4':
        return InteType.INTE400F;
      default:
        return null;
    }
  }

  /**
   * Whether {@code name} holds {@code expected} (ASCII) at {@code offset}, ignoring ASCII case only:
   * unlike {@link String#regionMatches(boolean, int, String, int, int)}, look-alikes such as
   * {@code ſ} (U+017F), dotless {@code ı} or the Kelvin sign never match.
   */
  private static boolean asciiRegionMatchesIgnoreCase(String name, int offset, String expected) {
    if (offset < 0 || offset + expected.length() > name.length()) {
      return false;
    }
    for (int i = 0; i < expected.length(); i++) {
      if (asciiLower(name.charAt(offset + i)) != asciiLower(expected.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static int digits(String s, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static ParsedName unrecognised(String name, String reason) {
    return new ParsedName.Unrecognised(name, reason);
  }
}
