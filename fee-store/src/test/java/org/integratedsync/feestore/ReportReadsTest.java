package org.integratedsync.feestore;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.reducing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read queries behind the fee report, checked against sums computed here from the records loaded. */
class ReportReadsTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  private static final LocalDate FIRST = LocalDate.parse("2024-01-01");
  private static final LocalDate LAST = LocalDate.parse("2025-06-30");

  private StoreAssertions db;
  private FeeStore store;
  private List<FeeRecord> records;

  @BeforeAll
  static void migrate() {
    FeeStore.create(pg.dataSource()).migrate();
  }

  @BeforeEach
  void loadEighteenMonths() throws Exception {
    db = new StoreAssertions(pg.dataSource());
    db.truncateAll();
    store = new FeeStore(pg.dataSource(), new SettableClock(Instant.parse("2025-07-01T17:10:00Z")));
    records = new ArrayList<>();
    int n = 0;
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(3)) {
      for (int product = 0; product < 5; product++) {
        n++;
        String currency = product < 3 ? "CHF" : "EUR";
        FeeType type = FeeType.values()[(n + product) % 4];
        // every 7th record is a reversal: a negative amount
        BigDecimal amount = new BigDecimal((n % 97) + "." + (n % 100)).add(BigDecimal.ONE);
        if (n % 7 == 0) {
          amount = amount.negate();
        }
        records.add(new FeeRecord("r" + n, day, day, amount, currency, type, null, "P" + product,
            "CH000000000" + product, "Product " + product + (day.equals(LAST) ? " (renamed)" : ""),
            new BigDecimal(1000 + product)));
      }
    }
    try (FeeSync sync = store.beginSync(FIRST, LAST, SyncOptions.DEFAULTS)) {
      sync.addPage(records);
      sync.commit();
    }
    store.rebuildSnapshot();
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void monthlyTotalsEqualTheRecordsSumsPerMonthCurrencyAndTypeWithinThePeriodOnly() {
    YearMonth from = YearMonth.of(2024, 3);
    YearMonth to = YearMonth.of(2025, 2);

    List<MonthlyTotal> totals = store.read(reads -> reads.monthlyTotals(from, to));

    Map<String, BigDecimal> expected = new TreeMap<>();
    Map<String, Long> expectedCounts = new TreeMap<>();
    for (FeeRecord r : records) {
      YearMonth month = YearMonth.from(r.bookingDate());
      if (!month.isBefore(from) && !month.isAfter(to)) {
        String key = month + " " + r.currency() + " " + r.feeType();
        expected.merge(key, r.amount(), BigDecimal::add);
        expectedCounts.merge(key, 1L, Long::sum);
      }
    }
    Map<String, BigDecimal> actual = new TreeMap<>();
    Map<String, Long> actualCounts = new TreeMap<>();
    for (MonthlyTotal t : totals) {
      actual.put(t.month() + " " + t.currency() + " " + t.feeType(), t.total());
      actualCounts.put(t.month() + " " + t.currency() + " " + t.feeType(), t.recordCount());
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, sum) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(sum));
    assertThat(actualCounts).isEqualTo(expectedCounts);
    assertThat(totals).extracting(MonthlyTotal::month).isSorted();
    assertThat(totals).extracting(MonthlyTotal::currency).containsOnly("CHF", "EUR");
    assertThat(totals).anySatisfy(t -> assertThat(t.total().signum()).isNegative()
        .as("a month whose only record of a type is a reversal"));
  }

  @Test
  void theReportsTotalsEqualTheSummariesSumsForTheSamePeriodPerCurrencyAndType() throws Exception {
    YearMonth from = YearMonth.of(2024, 7);
    YearMonth to = YearMonth.of(2025, 6);

    Map<String, BigDecimal> perCurrencyAndType = new TreeMap<>();
    Map<String, BigDecimal> perCurrency = new TreeMap<>();
    store.read(reads -> {
      reads.monthlyTotals(from, to).forEach(t ->
          perCurrencyAndType.merge(t.currency() + " " + t.feeType(), t.total(), BigDecimal::add));
      reads.productTotals(from, to).forEach(t -> perCurrency.merge(t.currency(), t.total(), BigDecimal::add));
      return null;
    });

    String window = "booking_date BETWEEN '2024-07-01' AND '2025-06-30'";
    Map<String, BigDecimal> fromRecords = new TreeMap<>();
    for (List<Object> row : db.rows("SELECT currency || ' ' || fee_type, sum(amount) FROM vestr_fee_records WHERE "
        + window + " GROUP BY 1")) {
      fromRecords.put((String) row.get(0), (BigDecimal) row.get(1));
    }
    Map<String, BigDecimal> fromDaily = new TreeMap<>();
    for (List<Object> row : db.rows("SELECT currency || ' ' || fee_type, sum(total_amount) "
        + "FROM vestr_fee_daily_summaries WHERE " + window + " GROUP BY 1")) {
      fromDaily.put((String) row.get(0), (BigDecimal) row.get(1));
    }
    perCurrencyAndType.replaceAll((key, sum) -> sum.stripTrailingZeros()); // StoreAssertions strips its sums too
    assertThat(perCurrencyAndType).hasSize(8).isEqualTo(fromRecords).isEqualTo(fromDaily);
    Map<String, BigDecimal> recordsPerCurrency = records.stream()
        .filter(r -> !r.bookingDate().isBefore(from.atDay(1)) && !r.bookingDate().isAfter(to.atEndOfMonth()))
        .collect(groupingBy(FeeRecord::currency, TreeMap::new, reducing(BigDecimal.ZERO, FeeRecord::amount,
            BigDecimal::add)));
    assertThat(perCurrency.keySet()).containsExactly("CHF", "EUR");
    perCurrency.forEach((currency, sum) ->
        assertThat(sum).as(currency).isEqualByComparingTo(recordsPerCurrency.get(currency)));
  }

  @Test
  void productTotalsAreLargestFirstPerCurrencyWithTheNewestName() {
    List<ProductTotal> totals = store.read(reads -> reads.productTotals(YearMonth.of(2024, 1), YearMonth.of(2025, 6)));

    assertThat(totals).extracting(ProductTotal::currency).containsExactly("CHF", "CHF", "CHF", "EUR", "EUR");
    assertThat(totals.subList(0, 3)).extracting(ProductTotal::total).isSortedAccordingTo((a, b) -> b.compareTo(a));
    Map<String, BigDecimal> expected = records.stream().collect(groupingBy(FeeRecord::productId, TreeMap::new,
        reducing(BigDecimal.ZERO, FeeRecord::amount, BigDecimal::add)));
    for (ProductTotal total : totals) {
      assertThat(total.total()).as(total.productId()).isEqualByComparingTo(expected.get(total.productId()));
      assertThat(total.productName()).contains("Product " + total.productId().substring(1) + " (renamed)");
      assertThat(total.productIsin()).contains("CH000000000" + total.productId().substring(1));
    }
    assertThat(totals.stream().mapToLong(ProductTotal::recordCount).sum()).isEqualTo(records.size());
  }

  @Test
  void snapshotRowsAndRecentSyncsComeFromOneReadOnlyTransaction() {
    var result = store.read(reads -> Map.entry(reads.snapshot(), reads.recentSyncs(10)));

    List<SnapshotRow> snapshot = result.getKey();
    assertThat(snapshot).extracting(SnapshotRow::productId).containsExactly("P0", "P1", "P2", "P3", "P4");
    SnapshotRow p3 = snapshot.get(3);
    FeeRecord newestOfP3 = records.stream().filter(r -> r.productId().equals("P3"))
        .max(java.util.Comparator.comparing(FeeRecord::bookingDate)).orElseThrow();
    assertThat(p3.latest().date()).isEqualTo(newestOfP3.bookingDate());
    assertThat(p3.latest().amount()).isEqualByComparingTo(newestOfP3.amount());
    assertThat(p3.latest().currency()).isEqualTo("EUR");
    assertThat(p3.latestType()).isEqualTo(newestOfP3.feeType());
    assertThat(p3.latestByType()).containsKey(newestOfP3.feeType() == FeeType.OTHER ? FeeType.MANAGEMENT
        : newestOfP3.feeType()).doesNotContainKey(FeeType.OTHER);
    assertThat(p3.outstandingQuantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("1003"));
    assertThat(result.getValue()).singleElement().satisfies(run -> {
      assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
      assertThat(run.from()).isEqualTo(FIRST);
      assertThat(run.inserted()).isEqualTo(records.size());
    });
  }

  @Test
  void aPeriodThatEndsBeforeItStartsIsRefused() {
    assertThatThrownBy(() -> store.read(reads -> reads.monthlyTotals(YearMonth.of(2025, 2), YearMonth.of(2025, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-02 > 2025-01");
  }
}
