package org.integratedsync.feestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotConcurrencyTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  private static final int PRODUCTS = 40;

  @Test
  void aReaderPollingDuringRebuildsAlwaysSeesEveryProduct() throws Exception {
    FeeStore store = FeeStore.create(pg.dataSource());
    store.migrate();
    List<FeeRecord> records = new ArrayList<>();
    for (int p = 0; p < PRODUCTS; p++) {
      for (int d = 1; d <= 5; d++) {
        records.add(StoreAssertions.record("r" + p + "-" + d, "2025-03-0" + d, p + "." + d, "CHF",
            FeeType.values()[d % 4], "P" + p));
      }
    }
    try (FeeSync sync = store.beginSync(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"), SyncOptions.DEFAULTS)) {
      sync.addPage(records);
      sync.commit();
    }
    assertThat(store.rebuildSnapshot()).isEqualTo(PRODUCTS);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong polls = new AtomicLong();
    AtomicLong smallest = new AtomicLong(Long.MAX_VALUE);
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (Connection connection = pg.dataSource().getConnection(); Statement statement = connection.createStatement()) {
        while (!stop.get()) {
          try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM fee_latest_snapshot")) {
            rs.next();
            smallest.accumulateAndGet(rs.getLong(1), Math::min);
            polls.incrementAndGet();
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (polls.get() == 0 && !reader.isDone()) {
      Thread.sleep(1);
    }
    // two rebuilders at once: rebuilds are serialised, neither fails
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 10; i++) {
        store.rebuildSnapshot();
      }
    });
    for (int i = 0; i < 10; i++) {
      assertThat(store.rebuildSnapshot()).isEqualTo(PRODUCTS);
    }
    second.get(60, TimeUnit.SECONDS);
    stop.set(true);
    reader.get(60, TimeUnit.SECONDS);

    assertThat(polls.get()).isPositive();
    assertThat(smallest.get()).as("fewest rows a reader ever saw").isEqualTo(PRODUCTS);
  }
}
