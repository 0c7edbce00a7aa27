package org.integratedsync.feestore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One fee record as stored in {@code vestr_fee_records}; immutable and validated on creation.
 *
 * <p>Two records with the same id but different field values are an amendment: the store keeps the
 * newer one. Amounts keep their scale in Java; the store compares them numerically, so {@code 1.0} and
 * {@code 1.00} are the same amount.
 *
 * @param id the source's id (unique, stable); the primary key
 * @param bookingDate the booking date, which places the record in a sync window and a summary day
 * @param valueDate the value date, or null
 * @param amount the amount (a fee deduction's sign as the source gives it)
 * @param currency the three-letter currency code, for example {@code CHF}; stored in upper case
 * @param feeType the normalised fee type
 * @param sourceFeeType the fee type as the source spells it, or null
 * @param productId the product's id
 * @param productIsin the product's ISIN, or null
 * @param productName the product's name, or null
 * @param outstandingQuantity the product's outstanding units at this record, or null
 */
public record FeeRecord(
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

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the record and field if a required field is missing or blank,
   *     or the currency is not a code of three letters
   */
  public FeeRecord {
    require(id != null && !id.isBlank(), id, "id is missing");
    require(bookingDate != null, id, "bookingDate is missing");
    require(amount != null, id, "amount is missing");
    require(currency != null && currency.matches("[A-Za-z]{3}"), id,
        "currency must be a code of three letters, was " + (currency == null ? "null" : "'" + currency + "'"));
    currency = currency.toUpperCase(Locale.ROOT);
    require(feeType != null, id, "feeType is missing");
    require(productId != null && !productId.isBlank(), id, "productId is missing");
  }

  private static void require(boolean condition, String id, String problem) {
    if (!condition) {
      throw new IllegalArgumentException("fee record " + (id == null ? "without id" : "'" + id + "'") + ": " + problem);
    }
  }
}
