package org.integratedsync.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedsync.feestore.FeeType;
import org.integratedsync.feestore.MonthlyTotal;
import org.integratedsync.feestore.ProductTotal;
import org.integratedsync.feestore.SnapshotRow;
import org.integratedsync.feestore.SnapshotRow.LatestFee;
import org.integratedsync.feestore.SyncRun;
import org.integratedsync.feestore.SyncStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The whole page for known data, without a database. */
class ReportPageTest {

  private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 15, 17, 30, 0, 0, ZoneId.of("Europe/Zurich"));
  private static final LocalDate TODAY = NOW.toLocalDate();
  private static final String NASTY = "<script>alert(\"x\")</script> & 'Co' \"quoted\"";

  private static MonthlyTotal month(String month, String currency, FeeType type, String amount) {
    return new MonthlyTotal(YearMonth.parse(month), currency, type, new BigDecimal(amount), 1);
  }

  private static SnapshotRow snapshot(String id, String name, LocalDate latest) {
    LatestFee fee = new LatestFee(latest, new BigDecimal("12.5"), "CHF");
    return new SnapshotRow(id, Optional.ofNullable(name), Optional.of("CH00" + id), Map.of(FeeType.MANAGEMENT, fee),
        fee, FeeType.MANAGEMENT, Optional.of(new BigDecimal("1000")), NOW.toInstant());
  }

  private static SyncRun run(long id, SyncStatus status, String error) {
    Instant started = Instant.parse("2025-06-01T15:10:00Z").plusSeconds(id * 86_400);
    return new SyncRun(id, started, Optional.of(started.plusSeconds(30)), status, LocalDate.parse("2025-05-01"),
        LocalDate.parse("2025-05-31"), 10, 1, 2, 7, 0, Optional.ofNullable(error));
  }

  private static ReportData data() {
    List<SyncRun> runs = new ArrayList<>();
    runs.add(run(12, SyncStatus.FAILED, "Vestr said <no> & \"nope\""));
    for (long id = 11; id >= 3; id--) {
      runs.add(run(id, SyncStatus.SUCCEEDED, null));
    }
    return new ReportData(YearMonth.of(2024, 6), YearMonth.of(2025, 6), NOW,
        List.of(
            month("2024-06", "CHF", FeeType.MANAGEMENT, "100"),
            month("2025-01", "CHF", FeeType.MANAGEMENT, "1000"),
            month("2025-05", "CHF", FeeType.MANAGEMENT, "300"),
            month("2025-05", "EUR", FeeType.CUSTODY, "7000"),
            month("2025-06", "CHF", FeeType.PERFORMANCE, "150"),
            month("2025-06", "CHF", FeeType.CUSTODY, "-20")),
        List.of(
            new ProductTotal("P1", Optional.of(NASTY), Optional.of("CH0000000001"), "CHF", new BigDecimal("1530"), 5),
            new ProductTotal("P2", Optional.of("Euro Note"), Optional.empty(), "EUR", new BigDecimal("7000"), 1)),
        List.of(snapshot("P1", NASTY, TODAY.minusDays(45)), snapshot("P2", "Euro Note", TODAY.minusDays(46)),
            snapshot("P3", null, TODAY)),
        runs);
  }

  @Test
  void eachCurrencyHasItsOwnKeyFiguresAndChartsAndIsNeverAddedToAnother() {
    Document page = Jsoup.parse(FeeReport.render(data()));

    assertThat(page.select("section.currency")).extracting(e -> e.attr("data-currency")).containsExactly("CHF", "EUR");
    Element chf = page.selectFirst("section.currency[data-currency=CHF]");
    assertThat(chf.select(".figure .value")).extracting(Element::text).containsExactly(
        "CHF 130.00", // June: 150 - 20
        "CHF 300.00", // May
        "CHF 1,430.00", // January to June 2025
        "+30.0 %"); // against June 2024 (100)
    assertThat(chf.select("svg.monthly rect.bar")).hasSize(5).allSatisfy(bar ->
        assertThat(bar.attr("data-month")).isGreaterThanOrEqualTo("2024-06"));
    assertThat(chf.select("svg.monthly text.month")).hasSize(13);
    assertThat(chf.select("svg.products rect.bar")).hasSize(1);
    Element eur = page.selectFirst("section.currency[data-currency=EUR]");
    assertThat(eur.select(".figure .value")).extracting(Element::text)
        .containsExactly("EUR 0.00", "EUR 7,000.00", "EUR 7,000.00", "n/a (no fees then)");
    assertThat(eur.select("svg rect.bar")).extracting(e -> e.attr("data-amount")).containsExactly("7000", "7000");
  }

  @Test
  void theHeaderNamesThePeriodTheLastSuccessfulSyncAndTheProductsCovered() {
    Document page = Jsoup.parse(FeeReport.render(data()));

    assertThat(page.selectFirst("header").text())
        .contains("Period: 2024-06 to 2025-06")
        .contains("Generated at: 2025-06-15 17:30 Europe/Zurich")
        .contains("Last successful fee sync: 2025-06-12 17:10 (window 2025-05-01 to 2025-05-31)")
        .contains("Products covered: 2 with fees in the period, 3 in the snapshot");
  }

  @Test
  void productsWhoseLatestFeeIsOlderThan45DaysAreMarked() {
    Document page = Jsoup.parse(FeeReport.render(data()));

    List<Element> rows = page.select("table.snapshot tbody tr");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).hasClass("stale")).as("45 days old").isFalse();
    assertThat(rows.get(1).hasClass("stale")).as("46 days old").isTrue();
    assertThat(rows.get(1).text()).contains("⚠ 46 days old");
    assertThat(rows.get(2).hasClass("stale")).isFalse();
    assertThat(rows.get(2).child(0).text()).as("no name: the id").isEqualTo("P3");
    assertThat(page.selectFirst("section.snapshot p").text()).contains("1 of 3 products have no fee for more than 45");
  }

  @Test
  void theLastTenSyncRunsAreListedWithOutcomeWindowAndCounts() {
    Document page = Jsoup.parse(FeeReport.render(data()));

    List<Element> rows = page.select("table.syncs tbody tr");
    assertThat(rows).hasSize(10);
    assertThat(rows.get(0).select("td")).extracting(Element::text).containsExactly("2025-06-13 17:10",
        "2025-06-13 17:10", "failed", "2025-05-01 to 2025-05-31", "10", "1", "2", "7", "0",
        "Vestr said <no> & \"nope\"");
  }

  @Test
  void namesWithMarkupAmpersandsAndQuotesAreShownAsTextNeverAsMarkup() {
    String html = FeeReport.render(data());
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain("<script").doesNotContain("<no>");
    assertThat(page.select("script")).isEmpty();
    assertThat(page.selectFirst("table.snapshot tbody tr td").text()).isEqualTo(NASTY);
    assertThat(page.selectFirst("svg.products text.label").text()).as("shortened to 48 characters")
        .isEqualTo((NASTY + " · CH0000000001").substring(0, 47) + "…");
    assertThat(page.selectFirst("svg.products rect.bar title").text()).isEqualTo(NASTY
        + " · CH0000000001: CHF 1,530.00");
  }

  @Test
  void thePageLoadsNothingAndPrintsOnA4Landscape() {
    String html = FeeReport.render(data());
    Document page = Jsoup.parse(html);

    assertThat(page.select("[src], link, script, img")).isEmpty();
    assertThat(page.select("[href]")).isEmpty();
    assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
    assertThat(page.selectFirst("style").data()).contains("@media print").contains("size: A4 landscape");
  }

  @Test
  void anEmptyStoreGivesAPageThatSaysSo() {
    ReportData empty = new ReportData(YearMonth.of(2025, 1), YearMonth.of(2025, 6), NOW, List.of(), List.of(),
        List.of(), List.of());

    Document page = Jsoup.parse(FeeReport.render(empty));

    assertThat(page.select("svg")).isEmpty();
    assertThat(page.select(".empty")).extracting(Element::text).containsExactly("No fees in this period.",
        "The snapshot is empty.", "No fee sync has run yet.");
    assertThat(page.selectFirst("header").text()).contains("Last successful fee sync: none among the last 10 runs");
  }

  @Test
  void thePeriodMustNotEndBeforeItStartsAndTheKeyFiguresReachBackAYear() {
    assertThatThrownBy(() -> new ReportData(YearMonth.of(2025, 2), YearMonth.of(2025, 1), NOW, List.of(),
        List.of(), List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(ReportData.figuresFrom(YearMonth.of(2025, 5), YearMonth.of(2025, 6))).isEqualTo(YearMonth.of(2024, 6));
    assertThat(ReportData.figuresFrom(YearMonth.of(2023, 1), YearMonth.of(2025, 6))).isEqualTo(YearMonth.of(2023, 1));
  }
}
