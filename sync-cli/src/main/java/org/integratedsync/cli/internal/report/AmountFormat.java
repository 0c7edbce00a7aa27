package org.integratedsync.cli.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * Formats amounts for the report: the currency code, then the amount with comma grouping
 * and as many decimals as the currency has ({@code CHF 1,234.50}, {@code JPY 1,235}, {@code BHD 1.500});
 * negative amounts with a minus sign ({@code CHF −12.00}). Currencies Java does not know get 2 decimals.
 */
final class AmountFormat {

  static final char MINUS = '\u2212';

  private AmountFormat() {}

  /** Returns {@code amount} formatted with its currency code. */
  static String format(BigDecimal amount, String currency) {
    return currency + " " + number(amount, currency);
  }

  /** Returns {@code amount} formatted without the currency code (grouping and the currency's decimals). */
  static String number(BigDecimal amount, String currency) {
    int digits = fractionDigits(currency);
    DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
        DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setParseBigDecimal(true);
    BigDecimal rounded = amount.setScale(digits, RoundingMode.HALF_EVEN);
    String text = format.format(rounded.abs());
    return rounded.signum() < 0 ? MINUS + text : text;
  }

  /** Returns how many decimals the currency has: from {@link Currency}, else 2. */
  static int fractionDigits(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException unknown) {
      return 2;
    }
  }
}
