package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InteFileNameTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      123456-20251215170501-INTE100F.xlsx | 123456 | INTE100F | 2025-12-15T17:05:01
      123456-202512151705-INTE400F.xlsx   | 123456 | INTE400F | 2025-12-15T17:05:00
      123456-20251215-INTE100F.xlsx       | 123456 | INTE100F | 2025-12-15T00:00:00
      AB12cd-20251215-inte100f.XLSX       | AB12cd | INTE100F | 2025-12-15T00:00:00
      1-20251215-Inte400F.Xlsx            | 1      | INTE400F | 2025-12-15T00:00:00
      123456-20240229-INTE400F.xlsx       | 123456 | INTE400F | 2024-02-29T00:00:00
      123456-20000229-INTE400F.xlsx       | 123456 | INTE400F | 2000-02-29T00:00:00
      123456-20251231235959-INTE100F.xlsx | 123456 | INTE100F | 2025-12-31T23:59:59
      123456-20251215000000-INTE100F.xlsx | 123456 | INTE100F | 2025-12-15T00:00:00
      """)
  void recognisesValidNames(String name, String account, InteType type, LocalDateTime timestamp) {
    ParsedName parsed = InteFileName.parse(name);

    assertThat(parsed).isEqualTo(new ParsedName.Recognised(new InteFile(name, account, type, timestamp)));
    assertThat(parsed.name()).isEqualTo(name);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = ';', emptyValue = "", textBlock = """
      123456-20251301-INTE100F.xlsx         ; timestamp 20251301 is not a date
      123456-20251200-INTE100F.xlsx         ; timestamp 20251200 is not a date
      123456-20251232-INTE100F.xlsx         ; timestamp 20251232 is not a date
      123456-20230229-INTE100F.xlsx         ; timestamp 20230229 is not a date
      123456-19000229-INTE100F.xlsx         ; timestamp 19000229 is not a date
      123456-20250431-INTE100F.xlsx         ; timestamp 20250431 is not a date
      123456-00001215-INTE100F.xlsx         ; timestamp 00001215 is not a date
      123456-202512152400-INTE100F.xlsx     ; timestamp 202512152400 is not a time of day
      123456-202512151760-INTE100F.xlsx     ; timestamp 202512151760 is not a time of day
      123456-20251215170560-INTE100F.xlsx   ; timestamp 20251215170560 is not a time of day
      123456-2025121517-INTE100F.xlsx       ; timestamp 2025121517 has 10 digits, not 8 (yyyyMMdd), 12 (yyyyMMddHHmm) or 14 (yyyyMMddHHmmss)
      123456-202512151705010-INTE100F.xlsx  ; timestamp 202512151705010 has 15 digits, not 8 (yyyyMMdd), 12 (yyyyMMddHHmm) or 14 (yyyyMMddHHmmss)
      123456--INTE100F.xlsx                 ; timestamp is empty
      123456-2025121a-INTE100F.xlsx         ; timestamp "2025121a" is not all digits
      123456-2025121٣-INTE100F.xlsx         ; timestamp "2025121٣" is not all digits
      123456-20251215-INTE200F.xlsx         ; type "INTE200F" is not INTE100F or INTE400F
      123456-20251215-INTE100FF.xlsx        ; type "INTE100FF" is not INTE100F or INTE400F
      123456-20251215-INTX100F.xlsx         ; type "INTX100F" is not INTE100F or INTE400F
      123456-20251215-INTE100G.xlsx         ; type "INTE100G" is not INTE100F or INTE400F
      123456-20251215-INTE410F.xlsx         ; type "INTE410F" is not INTE100F or INTE400F
      123456-20251215-INTE100F.xls          ; does not end in .xlsx
      123456-20251215-INTE100F.xlsx.part    ; does not end in .xlsx
      123456-20251215-INTE100F.csv          ; does not end in .xlsx
      ''                                    ; does not end in .xlsx
      .xlsx                                 ; does not match <account>-<timestamp>-INTE<100|400>F.xlsx
      123456_20251215_INTE100F.xlsx         ; does not match <account>-<timestamp>-INTE<100|400>F.xlsx
      123456-INTE100F.xlsx                  ; does not match <account>-<timestamp>-INTE<100|400>F.xlsx
      123456-2025-12-15-INTE100F.xlsx       ; does not match <account>-<timestamp>-INTE<100|400>F.xlsx (too many '-')
      -20251215-INTE100F.xlsx               ; account is empty
      12 456-20251215-INTE100F.xlsx         ; account "12 456" has characters other than ASCII letters and digits
      12_456-20251215-INTE100F.xlsx         ; account "12_456" has characters other than ASCII letters and digits
      1234５6-20251215-INTE100F.xlsx        ; account "1234５6" has characters other than ASCII letters and digits
      Müller-20251215-INTE100F.xlsx         ; account "Müller" has characters other than ASCII letters and digits
      """)
  void explainsUnrecognisedNames(String name, String reason) {
    assertThat(InteFileName.parse(name)).isEqualTo(new ParsedName.Unrecognised(name, reason));
    assertThat(InteFileName.tryParse(name)).isEmpty();
  }

  /** Only ASCII case is ignored: Unicode look-alikes that Java's own case folding would accept never match. */
  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = ';', textBlock = """
      123456-20251215-INTE100F.xl\u017Fx   ; does not end in .xlsx
      123456-20251215-INTE100F.XL\u017FX   ; does not end in .xlsx
      123456-20251215-\u0131nte100f.xlsx   ; type "\u0131nte100f" is not INTE100F or INTE400F
      123456-20251215-\u0130NTE100F.xlsx   ; type "\u0130NTE100F" is not INTE100F or INTE400F
      123456-20251215-INTE100\uFF26.xlsx   ; type "INTE100\uFF26" is not INTE100F or INTE400F
      123456-20251215-\uFF29NTE100F.xlsx   ; type "\uFF29NTE100F" is not INTE100F or INTE400F
      \uFF11\uFF12\uFF13-20251215-INTE100F.xlsx ; account "\uFF11\uFF12\uFF13" has characters other than ASCII letters and digits
      12345\u212A-20251215-INTE100F.xlsx   ; account "12345\u212A" has characters other than ASCII letters and digits
      123456-\uFF12\uFF10\uFF12\uFF15\uFF11\uFF12\uFF11\uFF15-INTE100F.xlsx ; timestamp "\uFF12\uFF10\uFF12\uFF15\uFF11\uFF12\uFF11\uFF15" is not all digits
      """)
  void unicodeLookAlikesAreNotRecognised(String name, String reason) {
    // (the \\u escapes above are turned into the characters by the compiler)
    assertThat(name).matches(n -> n.chars().anyMatch(c -> c > 127), "holds a non-ASCII character");

    assertThat(InteFileName.parse(name)).isEqualTo(new ParsedName.Unrecognised(name, reason));
  }
}
