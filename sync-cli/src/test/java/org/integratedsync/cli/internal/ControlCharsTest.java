package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlCharsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plain name-INTE100F.xlsx        | plain name-INTE100F.xlsx
      a\\nb                            | a\\\\nb
      a\\rb\\tc                         | a\\\\rb\\\\tc
      \\u001b[2J                       | \\\\e[2J
      bell\\u0007                      | bell\\\\u0007
      del\\u007f c1\\u0085             | del\\\\u007f c1\\\\u0085
      ls\\u2028ps\\u2029               | ls\\\\u2028ps\\\\u2029
      rlo\\u202Egnp.xlsx               | rlo\\\\u202egnp.xlsx
      ünïcödé ſ ı Ｋ                  | ünïcödé ſ ı Ｋ
      C:\\\\Users\\\\ops                  | C:\\\\Users\\\\ops
      """)
  void escapesControlCharactersOnly(String raw, String expected) {
    assertThat(ControlChars.escape(unescape(raw))).isEqualTo(unescape(expected));
  }

  /** Reads the table's escapes: backslash-n, backslash-r, backslash-t, backslash-uXXXX, double backslash. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
