package org.integratedsync.feestore;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * The fees of one month, currency and fee type over all products, from {@code vestr_fee_monthly_summaries};
 * immutable. Amounts of different currencies are never added together.
 *
 * @param month the booking month
 * @param currency the three-letter currency code
 * @param feeType the fee type
 * @param total the sum of the amounts (reversals count with their sign)
 * @param recordCount how many records the sum covers
 */
public record MonthlyTotal(YearMonth month, String currency, FeeType feeType, BigDecimal total, long recordCount) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public MonthlyTotal {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(feeType, "feeType");
    Objects.requireNonNull(total, "total");
  }
}
