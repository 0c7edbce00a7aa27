package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import javax.sql.DataSource;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.integratedsync.testkit.time.SettableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random sequences of syncs with inserts, amendments and reversals, checked after every step
 * against a Java model of what the store must hold, and against independent queries for the summaries
 * and the snapshot. A failing seed reproduces exactly.
 */
class RandomSyncSequenceTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  private static final LocalDate DAY0 = LocalDate.parse("2025-01-20");
  private static final int DAYS = 50; // spans three months
  private static final List<String> PRODUCTS = List.of("P1", "P2", "P3", "P4", "P5");
  private static final List<String> CURRENCIES = List.of("CHF", "EUR", "USD");
  private static final List<String> NAMES = List.of("Alpha", "Beta \"B\", Inc.", "Zürich\nLine", "Gamma\\N");

  @BeforeAll
  static void migrate() {
    FeeStore.create(pg.dataSource()).migrate();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20251215L})
  void everySyncLeavesTheStoreAsTheSourceSaysAndTheSummariesConsistent(long seed) throws Exception {
    DataSource dataSource = pg.dataSource();
    try (StoreAssertions db = new StoreAssertions(dataSource)) {
      db.truncateAll();
      run(seed, dataSource, db);
    }
  }

  private void run(long seed, DataSource dataSource, StoreAssertions db) throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2025-03-10T17:10:00Z"));
    FeeStore store = new FeeStore(dataSource, clock);
    Random random = new Random(seed);
    Map<String, FeeRecord> source = new HashMap<>(); // what Vestr currently says
    Map<String, FeeRecord> stored = new HashMap<>(); // what the store must hold
    int nextId = 0;

    for (int step = 0; step < 10; step++) {
      // The source changes: new fees, amendments (amount, type, date, product, quantity), reversals.
      int newRecords = random.nextInt(25);
      for (int i = 0; i < newRecords; i++) {
        String id = String.format("F%05d", nextId++);
        source.put(id, randomRecord(random, id));
      }
      List<String> ids = new ArrayList<>(source.keySet());
      Collections.sort(ids);
      for (String id : ids) {
        int roll = random.nextInt(100);
        if (roll < 8) {
          source.put(id, amend(random, source.get(id)));
        } else if (roll < 12) {
          source.remove(id);
        }
      }

      // Sync a random window, as the source answers it: shuffled, in pages, sometimes an id twice.
      LocalDate from = DAY0.plusDays(random.nextInt(DAYS));
      LocalDate to = from.plusDays(random.nextInt(20));
      List<FeeRecord> answer = new ArrayList<>(source.values().stream()
          .filter(r -> !r.bookingDate().isBefore(from) && !r.bookingDate().isAfter(to)).toList());
      Collections.shuffle(answer, random);
      List<FeeRecord> sent = new ArrayList<>(answer);
      if (!answer.isEmpty() && random.nextBoolean()) {
        sent.add(answer.get(random.nextInt(answer.size()))); // a repeat with the same content
      }

      long expectedInserted = answer.stream().filter(r -> !stored.containsKey(r.id())).count();
      long expectedUpdated = answer.stream().filter(r -> stored.containsKey(r.id()) && !sameValues(stored.get(r.id()), r)).count();
      long expectedUnchanged = answer.size() - expectedInserted - expectedUpdated;
      List<String> answeredIds = answer.stream().map(FeeRecord::id).toList();
      long expectedDeleted = stored.values().stream()
          .filter(r -> !r.bookingDate().isBefore(from) && !r.bookingDate().isAfter(to) && !answeredIds.contains(r.id()))
          .count();

      SyncOptions options = SyncOptions.DEFAULTS;
      if (answer.isEmpty() && expectedDeleted > 0) {
        assertThatThrownBy(() -> runSync(store, from, to, SyncOptions.DEFAULTS, sent, random))
            .isInstanceOf(EmptyWindowException.class);
        options = options.withAllowEmptyWindow(true);
      }
      SyncResult result = runSync(store, from, to, options, sent, random);

      assertThat(result).as("step %d, window %s..%s", step, from, to)
          .extracting(SyncResult::fetched, SyncResult::inserted, SyncResult::updated, SyncResult::unchanged,
              SyncResult::deleted)
          .containsExactly((long) sent.size(), expectedInserted, expectedUpdated, expectedUnchanged, expectedDeleted);

      stored.values().removeIf(r -> !r.bookingDate().isBefore(from) && !r.bookingDate().isAfter(to));
      for (FeeRecord r : answer) {
        FeeRecord previous = stored.get(r.id());
        // an unchanged record keeps its stored form (numerically equal amounts are not rewritten)
        stored.put(r.id(), previous != null && sameValues(previous, r) ? previous : r);
      }
      db.assertRecordsEqual(stored.values());
      db.assertSummariesConsistent();
      if (step % 3 == 2 || step == 9) {
        store.rebuildSnapshot();
        db.assertSnapshotMatches(stored.values());
      }
      clock.advance(Duration.ofDays(1));
    }
  }

  private static SyncResult runSync(FeeStore store, LocalDate from, LocalDate to, SyncOptions options,
      List<FeeRecord> sent, Random random) {
    try (FeeSync sync = store.beginSync(from, to, options)) {
      int at = 0;
      while (at < sent.size()) {
        int size = 1 + random.nextInt(15);
        sync.addPage(sent.subList(at, Math.min(sent.size(), at + size)));
        at += size;
      }
      return sync.commit();
    }
  }

  private static FeeRecord randomRecord(Random random, String id) {
    LocalDate booking = DAY0.plusDays(random.nextInt(DAYS));
    String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
    return new FeeRecord(id, booking, random.nextInt(4) == 0 ? null : booking.plusDays(2), randomAmount(random),
        CURRENCIES.get(random.nextInt(CURRENCIES.size())), FeeType.values()[random.nextInt(4)], "src",
        product, "CH" + product, NAMES.get(random.nextInt(NAMES.size())),
        random.nextInt(3) == 0 ? null : BigDecimal.valueOf(random.nextInt(100000), random.nextInt(3)));
  }

  private static BigDecimal randomAmount(Random random) {
    // cents and sub-cent amounts, occasionally negative (a correction)
    BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 2 + random.nextInt(3));
    return random.nextInt(10) == 0 ? amount.negate() : amount;
  }

  private static FeeRecord amend(Random random, FeeRecord r) {
    return switch (random.nextInt(5)) {
      case 0 -> new FeeRecord(r.id(), r.bookingDate(), r.valueDate(), randomAmount(random), r.currency(), r.feeType(),
          r.sourceFeeType(), r.productId(), r.productIsin(), r.productName(), r.outstandingQuantity());
      case 1 -> new FeeRecord(r.id(), r.bookingDate(), r.valueDate(), r.amount(), r.currency(),
          FeeType.values()[random.nextInt(4)], "amended", r.productId(), r.productIsin(), r.productName(),
          r.outstandingQuantity());
      case 2 -> new FeeRecord(r.id(), DAY0.plusDays(random.nextInt(DAYS)), r.valueDate(), r.amount(), r.currency(),
          r.feeType(), r.sourceFeeType(), r.productId(), r.productIsin(), r.productName(), r.outstandingQuantity());
      case 3 -> {
        String product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
        yield new FeeRecord(r.id(), r.bookingDate(), r.valueDate(), r.amount(), r.currency(), r.feeType(),
            r.sourceFeeType(), product, "CH" + product, r.productName(), r.outstandingQuantity());
      }
      default -> new FeeRecord(r.id(), r.bookingDate(), r.valueDate(), r.amount().setScale(r.amount().scale() + 1),
          r.currency(), r.feeType(), r.sourceFeeType(), r.productId(), r.productIsin(), r.productName(),
          r.outstandingQuantity() == null ? BigDecimal.TEN : null);
    };
  }

  /** Equal as the store compares: amounts and quantities by value. */
  private static boolean sameValues(FeeRecord a, FeeRecord b) {
    return a.bookingDate().equals(b.bookingDate()) && Objects.equals(a.valueDate(), b.valueDate())
        && a.amount().compareTo(b.amount()) == 0 && a.currency().equals(b.currency()) && a.feeType() == b.feeType()
        && Objects.equals(a.sourceFeeType(), b.sourceFeeType()) && a.productId().equals(b.productId())
        && Objects.equals(a.productIsin(), b.productIsin()) && Objects.equals(a.productName(), b.productName())
        && (a.outstandingQuantity() == null ? b.outstandingQuantity() == null
            : b.outstandingQuantity() != null && a.outstandingQuantity().compareTo(b.outstandingQuantity()) == 0);
  }
}
