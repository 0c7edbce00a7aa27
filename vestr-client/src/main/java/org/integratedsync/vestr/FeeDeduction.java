package org.integratedsync.vestr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One fee deduction as read from Vestr's GraphQL API; immutable.
 *
 * @param id the Vestr id (unique, stable)
 * @param bookingDate the booking date
 * @param valueDate the value date, or null when the source has none
 * @param amount the amount, exactly as sent (scale kept)
 * @param currency the currency code as sent, for example {@code CHF}
 * @param feeType the normalised fee type
 * @param sourceFeeType the fee type string as sent
 * @param productId the product's id
 * @param productIsin the product's ISIN, or null
 * @param productName the product's name, or null
 * @param outstandingQuantity the product's outstanding units, or null
 */
public record FeeDeduction(
    String id,
    LocalDate bookingDate,
    LocalDate valueDate,
    BigDecimal amount,
    String currency,
    FeeType feeType,
    String sourceFeeType,
    String productId,
    String productIsin,
    String productName,
    BigDecimal outstandingQuantity) {

  /** Checks the required fields. */
  public FeeDeduction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bookingDate, "bookingDate");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(feeType, "feeType");
    Objects.requireNonNull(sourceFeeType, "sourceFeeType");
    Objects.requireNonNull(productId, "productId");
  }
}
