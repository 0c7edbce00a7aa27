package org.integratedsync.feestore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code fee_latest_snapshot}: a product's latest fee of each type and of any type; immutable.
 *
 * @param productId the product's id
 * @param productName the product's name, if known
 * @param productIsin the product's ISIN, if known
 * @param latestByType the latest management, performance and custody fee, for the types the product has
 *     (never {@link FeeType#OTHER}, which the table does not keep per type)
 * @param latest the latest fee of any type
 * @param latestType the type of {@code latest}
 * @param outstandingQuantity the product's outstanding units, if known
 * @param refreshedAt when the snapshot was rebuilt
 */
public record SnapshotRow(
    String productId,
    Optional<String> productName,
    Optional<String> productIsin,
    Map<FeeType, LatestFee> latestByType,
    LatestFee latest,
    FeeType latestType,
    Optional<BigDecimal> outstandingQuantity,
    Instant refreshedAt) {

  /**
   * Checks the fields and copies the map.
   *
   * @throws NullPointerException if a field is null
   */
  public SnapshotRow {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(productIsin, "productIsin");
    latestByType = Map.copyOf(latestByType);
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(latestType, "latestType");
    Objects.requireNonNull(outstandingQuantity, "outstandingQuantity");
    Objects.requireNonNull(refreshedAt, "refreshedAt");
  }

  /**
   * One fee: its booking date, amount and currency.
   *
   * @param date the booking date
   * @param amount the amount
   * @param currency the three-letter currency code
   */
  public record LatestFee(LocalDate date, BigDecimal amount, String currency) {

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public LatestFee {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(currency, "currency");
    }
  }
}
