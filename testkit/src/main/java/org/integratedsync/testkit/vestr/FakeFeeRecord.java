package org.integratedsync.testkit.vestr;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One fee deduction as the {@link VestrFake} serves it, computed by the fake itself so that tests
 * can compare what a client read with what was sent.
 *
 * @param index position in the fake's data set (0-based, in booking-date order)
 * @param id the record id
 * @param bookingDate the booking date
 * @param valueDate the value date, or null (every 50th record)
 * @param amount the amount
 * @param amountAsString whether the amount is sent as a JSON string (else as a JSON number)
 * @param currency the currency
 * @param sourceFeeType the fee type string sent
 * @param normalisedFeeType the fee type the fake expects a client to derive: MANAGEMENT,
 *     PERFORMANCE, CUSTODY or OTHER
 * @param productId the product id
 * @param productIsin the product ISIN
 * @param productName the product name
 * @param outstandingQuantity the product's outstanding units, or null
 */
public record FakeFeeRecord(
    long index,
    String id,
    LocalDate bookingDate,
    LocalDate valueDate,
    BigDecimal amount,
    boolean amountAsString,
    String currency,
    String sourceFeeType,
    String normalisedFeeType,
    String productId,
    String productIsin,
    String productName,
    BigDecimal outstandingQuantity) {}
