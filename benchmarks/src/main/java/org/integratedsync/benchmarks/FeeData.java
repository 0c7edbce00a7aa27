package org.integratedsync.benchmarks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.feestore.FeeType;

/**
 * The synthetic fee history every database scenario uses, generated record by record so that no
 * scenario holds a million records in memory: record {@code i} belongs to product {@code i % 1000}
 * and is booked on day {@code i / 1000} after {@link #FIRST_DAY}, so 1,000,000 records cover 1,000
 * days with one fee per product and day, and the last 30 days hold exactly 30,000 records.
 * Stateless and thread-safe.
 */
final class FeeData {

  static final int PRODUCTS = 1_000;
  static final long RECORDS = 1_000_000;
  static final LocalDate FIRST_DAY = LocalDate.of(2024, 3, 3);
  static final int PAGE = 10_000;

  private static final String[] SOURCE_TYPES = {"management_fee", "performance_fee", "Custody Fee", "admin_fee"};
  private static final FeeType[] TYPES = {FeeType.MANAGEMENT, FeeType.PERFORMANCE, FeeType.CUSTODY, FeeType.OTHER};
  private static final String[] CURRENCIES = {"CHF", "USD", "EUR"};

  private FeeData() {}

  /** The last booking day of a history of {@code records} records. */
  static LocalDate lastDay(long records) {
    return FIRST_DAY.plusDays((records - 1) / PRODUCTS);
  }

  /**
   * Returns record {@code i}; {@code version} greater than 0 changes its amount (a corrected fee).
   */
  static FeeRecord record(long i, int version) {
    int product = (int) (i % PRODUCTS);
    long day = i / PRODUCTS;
    int type = (int) ((day + product) % 4);
    long cents = Math.floorMod(i * 2_654_435_761L, 10_000_000L) + 100 + version * 7L;
    return new FeeRecord(
        String.format(Locale.ROOT, "fee-%010d", i),
        FIRST_DAY.plusDays(day),
        FIRST_DAY.plusDays(day + 2),
        BigDecimal.valueOf(cents, 2),
        CURRENCIES[product % 3],
        TYPES[type],
        SOURCE_TYPES[type],
        productId(product),
        String.format(Locale.ROOT, "CH%010d", 100_000 + product),
        "Product " + product,
        BigDecimal.valueOf(1_000_000L + product * 10L + day, 0));
  }

  static String productId(int product) {
    return String.format(Locale.ROOT, "prod-%04d", product);
  }

  /** Records {@code from} (inclusive) to {@code to} (exclusive), all at version 0. */
  static List<FeeRecord> page(long from, long to) {
    List<FeeRecord> page = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      page.add(record(i, 0));
    }
    return page;
  }
}
