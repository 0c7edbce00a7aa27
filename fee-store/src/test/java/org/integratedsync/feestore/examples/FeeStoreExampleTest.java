package org.integratedsync.feestore.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.integratedsync.feestore.DatabaseUrl;
import org.integratedsync.feestore.EmptyWindowException;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.FeeType;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.feestore.SyncResult;
import org.integratedsync.testkit.docs.DocSnippets;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fee-store examples quoted in docs/embedding.md; they run as tests against a real PostgreSQL
 * (the testkit's throwaway server) so they stay true.
 */
class FeeStoreExampleTest {

  @RegisterExtension static final PostgresExtension pg = new PostgresExtension();

  @Test
  void syncsAWindowAndRebuildsTheSnapshot() throws Exception {
    String databaseUrl = pg.database().libpqUrl(); // postgresql://user:password@host:port/db

    // tag::sync[]
    DataSource dataSource = DatabaseUrl.toDataSource(databaseUrl);
    FeeStore store = FeeStore.create(dataSource);
    store.migrate(); // creates or updates the schema; a no-op when up to date

    LocalDate from = LocalDate.of(2025, 12, 1);
    LocalDate to = LocalDate.of(2025, 12, 31);
    List<FeeRecord> page = List.of(
        new FeeRecord("fee-1", LocalDate.of(2025, 12, 1), null, new BigDecimal("-120.50"), "CHF",
            FeeType.MANAGEMENT, "management_fee", "prod-1", "CH0012345678", "Tracker 1", new BigDecimal("1000")),
        new FeeRecord("fee-2", LocalDate.of(2025, 12, 2), null, new BigDecimal("-35.00"), "CHF",
            FeeType.CUSTODY, "Custody Fee", "prod-1", "CH0012345678", "Tracker 1", new BigDecimal("1000")));

    SyncResult result;
    try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
      sync.addPage(page); // call once per page the source returns
      result = sync.commit(); // one transaction: records, summaries, status row
    }
    System.out.printf("inserted %d, updated %d, unchanged %d, deleted %d%n",
        result.inserted(), result.updated(), result.unchanged(), result.deleted());

    int products = store.rebuildSnapshot(); // fee_latest_snapshot, swapped in atomically
    // end::sync[]

    assertThat(result.inserted()).isEqualTo(2);
    assertThat(products).isEqualTo(1);
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "select latest_management_amount, latest_custody_amount from fee_latest_snapshot where product_id = 'prod-1'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("-120.50");
      assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("-35.00");
    }

    // tag::reconcile[]
    // The source no longer returns fee-2 (reversed): within the window, the store follows the source.
    try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
      sync.addPage(page.subList(0, 1));
      result = sync.commit();
    }
    // result.deleted() == 1

    // The source returns nothing at all for a window that holds records: refused unless allowed.
    try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
      sync.commit(); // throws EmptyWindowException; nothing is changed
    } catch (EmptyWindowException e) {
      System.err.println(e.getMessage());
    }
    // end::reconcile[]

    assertThat(result.deleted()).isEqualTo(1);
    try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
      assertThatThrownBy(sync::commit).isInstanceOf(EmptyWindowException.class);
    }
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("select count(*) from vestr_fee_records")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void isQuotedUnchangedInTheEmbeddingDoc() throws Exception {
    String doc = Files.readString(DocSnippets.EMBEDDING_DOC);
    for (String tag : List.of("sync", "reconcile")) {
      assertThat(doc).as("docs/embedding.md quotes the region '%s' of this class as it is", tag)
          .contains(DocSnippets.region(getClass(), tag));
    }
  }
}
