package org.integratedsync.feestore;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The fees of one product in one currency over a period of months, from {@code vestr_fee_monthly_summaries};
 * immutable.
 *
 * @param productId the product's id
 * @param productName the product's name on its newest record, if any
 * @param productIsin the product's ISIN on its newest record, if any
 * @param currency the three-letter currency code
 * @param total the sum of the amounts of every fee type (reversals count with their sign)
 * @param recordCount how many records the sum covers
 */
public record ProductTotal(
    String productId,
    Optional<String> productName,
    Optional<String> productIsin,
    String currency,
    BigDecimal total,
    long recordCount) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ProductTotal {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(productIsin, "productIsin");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(total, "total");
  }
}
