package org.integratedsync.testkit.vestr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The fee deductions {@link VestrFake}'s GraphQL endpoint serves: {@code records} records spread
 * evenly and in order over the booking dates, each computed from the seed and its index when asked
 * for, so a million records cost no memory. Immutable and thread-safe.
 */
final class FeeDataSet {
  private static final String[] FEE_TYPES = {
    "management_fee", "Management Fee", "MGMT", "performance_fee", "perf", "Custody Fee", "custody", "admin_fee"
  };
  private static final String[] NORMALISED = {
    "MANAGEMENT", "MANAGEMENT", "MANAGEMENT", "PERFORMANCE", "PERFORMANCE", "CUSTODY", "CUSTODY", "OTHER"
  };
  private static final String[] CURRENCIES = {"CHF", "USD", "EUR"};

  private final long records;
  private final long seed;
  private final int products;
  private final LocalDate firstDate;
  private final LocalDate lastDate;

  FeeDataSet(long records, long seed, int products, LocalDate firstDate, LocalDate lastDate) {
    this.records = records;
    this.seed = seed;
    this.products = products;
    this.firstDate = firstDate;
    this.lastDate = lastDate;
  }

  /** Returns the number of records. */
  long recordCount() {
    return records;
  }

  /** Returns how many records have a booking date from {@code from} to {@code to} (inclusive). */
  long count(LocalDate from, LocalDate to) {
    return Math.max(0, firstIndexAfter(to) - firstIndexFrom(from));
  }

  /** Returns the record at {@code index} (0-based, booking-date order), computed from the seed. */
  FakeFeeRecord record(long index) {
    if (index < 0 || index >= records) {
      throw new IndexOutOfBoundsException("record " + index + " of " + records);
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    int product = rnd.nextInt(products);
    int type = rnd.nextInt(FEE_TYPES.length);
    BigDecimal amount = BigDecimal.valueOf(rnd.nextLong(1, 5_000_000), 2);
    LocalDate booking = bookingDate(index);
    return new FakeFeeRecord(
        index,
        String.format(Locale.ROOT, "fd-%d-%09d", seed, index),
        booking,
        index % 50 == 0 ? null : booking.plusDays(2),
        amount,
        index % 2 == 0,
        CURRENCIES[product % CURRENCIES.length],
        FEE_TYPES[type],
        NORMALISED[type],
        String.format(Locale.ROOT, "PRD-%04d", product),
        String.format(Locale.ROOT, "CH%010d", 1_000_000L + product * 7919L),
        "Tracker Certificate " + product,
        product % 7 == 3 ? null : new BigDecimal(1000 + product * 37L).movePointLeft(product % 3));
  }

  private LocalDate bookingDate(long index) {
    long days = ChronoUnit.DAYS.between(firstDate, lastDate) + 1;
    // spreads the records evenly and in order over the days; never materialised
    return firstDate.plusDays(index * days / records);
  }

  /** Returns the index of the first record booked on or after {@code from}. */
  long firstIndexFrom(LocalDate from) {
    long lo = 0;
    long hi = records;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (bookingDate(mid).isBefore(from)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Returns the index of the first record booked after {@code to}. */
  long firstIndexAfter(LocalDate to) {
    return to.equals(LocalDate.MAX) ? records : firstIndexFrom(to.plusDays(1));
  }
}
