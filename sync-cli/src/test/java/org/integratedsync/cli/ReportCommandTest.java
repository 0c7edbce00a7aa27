package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code integrated-sync report} on the demo data set of docs/examples/fee-report-demo.sql in a throwaway
 * PostgreSQL: the page's figures are checked against sums computed straight from the records.
 */
class ReportCommandTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @TempDir Path work;

  private LocalDate today;
  private Clock clock;

  @BeforeEach
  void loadTheDemoData() throws Exception {
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement()) {
      statement.execute("drop schema public cascade; create schema public");
    }
    FeeStore store = FeeStore.create(PG.dataSource());
    store.migrate();
    Path demo = CliRun.sampleInbox().getParent().resolve("fee-report-demo.sql");
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement()) {
      statement.execute(Files.readString(demo));
      try (ResultSet rs = statement.executeQuery("select current_date")) {
        rs.next();
        today = rs.getObject(1, LocalDate.class);
      }
    }
    store.rebuildSnapshot();
    // the demo data are dated relative to the database's day: the command sees that day too
    clock = Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  private CliRun run(Map<String, String> env, String... args) {
    return CliRun.run(new CliEnvironment(env, work, clock, false), args);
  }

  private Map<String, String> env() {
    return CliRun.env("DATABASE_URL", PG.libpqUrl());
  }

  private List<List<Object>> rows(String sql) throws Exception {
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<List<Object>> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        List<Object> row = new java.util.ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private List<List<Object>> tableCounts() throws Exception {
    return rows("select (select count(*) from vestr_fee_records), (select count(*) from vestr_fee_monthly_summaries), "
        + "(select count(*) from fee_latest_snapshot), (select count(*) from fee_sync_status), "
        + "(select max(refreshed_at) from fee_latest_snapshot)");
  }

  @Test
  void theDefaultReportShowsThirteenFullMonthsAndTheCurrentOnePerCurrencyWithTheRecordsTotals() throws Exception {
    List<List<Object>> before = tableCounts();

    CliRun run = run(env(), "report");

    assertThat(run.exitCode).as(run.toString()).isZero();
    Path file = work.resolve("reports").resolve("fee-report-" + today.toString().replace("-", "") + ".html");
    assertThat(run.out).contains("written to " + file).contains("6 product(s)");
    assertThat(tableCounts()).as("read-only").isEqualTo(before);
    Document page = Jsoup.parse(Files.readString(file));
    YearMonth to = YearMonth.from(today);
    YearMonth from = to.minusMonths(13);
    assertThat(page.selectFirst("header").text()).contains("Period: " + from + " to " + to);

    // the bars of each currency and type add up to the records of the period, CHF and EUR apart
    Map<String, BigDecimal> drawn = new TreeMap<>();
    for (Element bar : page.select("svg.monthly rect.bar")) {
      String currency = bar.closest("section.currency").attr("data-currency");
      drawn.merge(currency + " " + bar.attr("data-type"), new BigDecimal(bar.attr("data-amount")), BigDecimal::add);
    }
    Map<String, BigDecimal> stored = new TreeMap<>();
    for (List<Object> row : rows("select currency || ' ' || fee_type, sum(amount) from vestr_fee_records "
        + "where booking_date >= '" + from.atDay(1) + "' and booking_date <= '" + to.atEndOfMonth() + "' group by 1")) {
      stored.put((String) row.get(0), (BigDecimal) row.get(1));
    }
    assertThat(drawn.keySet()).isEqualTo(stored.keySet()).contains("CHF MANAGEMENT", "EUR MANAGEMENT");
    stored.forEach((key, sum) -> assertThat(drawn.get(key)).as(key).isEqualByComparingTo(sum));
    assertThat(page.select("svg.monthly rect.bar")).anySatisfy(bar ->
        assertThat(new BigDecimal(bar.attr("data-amount"))).isNegative());
    assertThat(page.select("section.currency[data-currency=CHF] svg.products rect.bar")).hasSize(4);
    assertThat(page.select("section.currency[data-currency=EUR] svg.products rect.bar")).hasSize(2);

    assertThat(page.select("table.snapshot tbody tr")).hasSize(6);
    Object deltaAge = rows("select current_date - max(booking_date) from vestr_fee_records "
        + "where product_id = 'P-DELTA'").get(0).get(0);
    assertThat(page.select("table.snapshot tbody tr.stale")).singleElement()
        .satisfies(row -> assertThat(row.text()).contains("Delta Income Note (closing)", "⚠ " + deltaAge + " days old"));
    assertThat(page.select("table.snapshot td")).anySatisfy(cell ->
        assertThat(cell.text()).isEqualTo("Zeta \"Green\" Energy & Co <Basket>"));
    assertThat(page.select("table.syncs tbody tr")).hasSize(10);
  }

  @Test
  void aChosenPeriodAndFileAreUsed() throws Exception {
    YearMonth to = YearMonth.from(today).minusMonths(1);
    YearMonth from = to.minusMonths(2);

    CliRun run = run(env(), "report", "--from", from.toString(), "--to", to.toString(), "--output", "out/fees.html");

    assertThat(run.exitCode).as(run.toString()).isZero();
    Document page = Jsoup.parse(Files.readString(work.resolve("out/fees.html")));
    assertThat(page.select("section.currency[data-currency=CHF] svg.monthly text.month")).extracting(Element::text)
        .containsExactly(from.toString(), from.plusMonths(1).toString(), to.toString());
    assertThat(page.select("svg.monthly rect.bar")).allSatisfy(bar ->
        assertThat(YearMonth.parse(bar.attr("data-month"))).isBetween(from, to));
    assertThat(work.resolve("reports")).doesNotExist();
  }

  @Test
  void badMonthsAndAMissingDatabaseAreOneLineUsageErrorsThatWriteNothing() {
    CliRun badMonth = run(env(), "report", "--from", "2025-13");
    CliRun backwards = run(env(), "report", "--from", "2025-06", "--to", "2025-05");
    CliRun noDatabase = run(Map.of(), "report");

    assertThat(badMonth.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(badMonth.err.strip()).contains("'2025-13' is not a month as YYYY-MM").doesNotContain("\n");
    assertThat(backwards.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(backwards.err).contains("the period starts after it ends: --from 2025-06 is after --to 2025-05");
    assertThat(noDatabase.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(noDatabase.err).contains("DATABASE_URL");
    assertThat(work.resolve("reports")).doesNotExist();
  }

  @Test
  void aReportIsNeverWrittenThroughASymbolicLinkNorOverAFolder() throws Exception {
    Path elsewhere = Files.writeString(work.resolve("elsewhere.txt"), "keep me");
    Files.createSymbolicLink(work.resolve("link.html"), elsewhere);
    Files.createDirectories(work.resolve("folder.html"));

    CliRun throughLink = run(env(), "report", "--output", "link.html");
    CliRun overFolder = run(env(), "report", "--output", "folder.html");

    assertThat(throughLink.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(throughLink.err).contains("link.html is a symbolic link");
    assertThat(Files.readString(elsewhere)).isEqualTo("keep me");
    assertThat(overFolder.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(overFolder.err).contains("folder.html is a folder");
    try (var listing = Files.list(work)) {
      assertThat(listing.map(p -> p.getFileName().toString())).as("no temporary file left")
          .containsExactlyInAnyOrder("elsewhere.txt", "link.html", "folder.html");
    }
  }

  @Test
  void theScheduledRunWritesTheReportAfterTheSnapshotOnlyWhenReportDirIsSet() throws Exception {
    CliRun without = run(env(), "--skip-credinvest", "--skip-vestr-fees");
    assertThat(without.exitCode).as(without.toString()).isZero();
    assertThat(without.out).contains("fee-snapshot").doesNotContain("fee-report");

    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("REPORT_DIR", "mail/out");
    CliRun with = run(env, "--skip-credinvest", "--skip-vestr-fees");

    assertThat(with.exitCode).as(with.toString()).isZero();
    assertThat(with.out).contains("fee-report");
    Path file = work.resolve("mail/out/fee-report-" + today.toString().replace("-", "") + ".html");
    assertThat(Jsoup.parse(Files.readString(file)).select("table.snapshot tbody tr")).hasSize(6);
    try (var listing = Files.list(work.resolve("mail/out"))) {
      assertThat(listing).as("no temporary file left").containsExactly(file);
    }

    Files.delete(file);
    CliRun dryRun = run(env, "--skip-credinvest", "--skip-vestr-fees", "--dry-run");
    assertThat(dryRun.exitCode).as(dryRun.toString()).isZero();
    assertThat(file).doesNotExist();
  }
}
