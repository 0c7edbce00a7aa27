package org.integratedsync.cli.internal;

/**
 * Makes text safe to print on one line of a console or a log: control characters are shown as
 * escapes ({@code \n}, {@code \r}, {@code \t}, {@code \e} for ESC, {@code \u0085} …), so that a file
 * name can never start a forged log line or send commands to the terminal. Also escaped: DEL, the C1
 * controls, the Unicode line and paragraph separators and the bidirectional overrides, which could
 * make a line read differently from what it holds. Stateless.
 */
public final class ControlChars {

  private ControlChars() {}

  /** Returns {@code text} with every control character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isUnsafe(c)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\u001b':
          out.append("\\e");
          break;
        default:
          out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
