package org.integratedsync.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ReportAmountFormatTest {

  @Test
  void amountsHaveTheCurrencyGroupingAndTheCurrencysDecimals() {
    assertThat(AmountFormat.format(new BigDecimal("1234567.5"), "CHF")).isEqualTo("CHF 1,234,567.50");
    assertThat(AmountFormat.format(new BigDecimal("0.005"), "EUR")).isEqualTo("EUR 0.00");
    assertThat(AmountFormat.format(new BigDecimal("0.015"), "EUR")).isEqualTo("EUR 0.02");
    assertThat(AmountFormat.format(new BigDecimal("1234.5"), "JPY")).isEqualTo("JPY 1,234");
    assertThat(AmountFormat.format(new BigDecimal("1.5"), "BHD")).isEqualTo("BHD 1.500");
    assertThat(AmountFormat.format(new BigDecimal("12"), "ZZQ")).as("unknown to Java: 2 decimals")
        .isEqualTo("ZZQ 12.00");
  }

  @Test
  void negativeAmountsHaveAMinusSignAndRoundingToZeroHasNone() {
    assertThat(AmountFormat.format(new BigDecimal("-1234.5"), "CHF")).isEqualTo("CHF −1,234.50");
    assertThat(AmountFormat.format(new BigDecimal("-0.001"), "CHF")).isEqualTo("CHF 0.00");
  }

  @Test
  void changesArePercentagesOfTheEarlierAmount() {
    assertThat(FeeReport.change(new BigDecimal("150"), new BigDecimal("100"))).isEqualTo("+50.0 %");
    assertThat(FeeReport.change(new BigDecimal("50"), new BigDecimal("200"))).isEqualTo("−75.0 %");
    assertThat(FeeReport.change(new BigDecimal("50"), new BigDecimal("-100"))).isEqualTo("+150.0 %");
    assertThat(FeeReport.change(new BigDecimal("50"), BigDecimal.ZERO)).isEqualTo("n/a (no fees then)");
  }
}
