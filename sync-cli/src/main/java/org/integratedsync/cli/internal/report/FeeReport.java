package org.integratedsync.cli.internal.report;

import static org.integratedsync.cli.internal.report.Html.escape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.integratedsync.feestore.FeeType;
import org.integratedsync.feestore.MonthlyTotal;
import org.integratedsync.feestore.ProductTotal;
import org.integratedsync.feestore.SnapshotRow;
import org.integratedsync.feestore.SnapshotRow.LatestFee;
import org.integratedsync.feestore.SyncRun;
import org.integratedsync.feestore.SyncStatus;

/**
 * Renders the fee report as one self-contained HTML page: CSS inline, charts as inline SVG, no script and
 * no external resource (a content security policy forbids loading any), an A4 landscape print layout.
 * Every figure is per currency: amounts of different currencies are never added together. All text from
 * the store is escaped through {@link Html#escape(String)}. Stateless.
 */
public final class FeeReport {

  /** A product whose latest fee is older than this many days is marked in the snapshot table. */
  public static final int STALE_DAYS = 45;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private static final String CSS = """
      :root { --ink: #1d232b; --muted: #5d6673; --line: #d9dee4; --stale: #fff1d6; --bad: #b5473a; }
      * { box-sizing: border-box; }
      body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 24px auto;
             max-width: 1200px; padding: 0 16px; font-size: 14px; line-height: 1.4; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
      h3 { font-size: 15px; margin: 18px 0 6px; }
      .meta { color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; padding: 0; }
      .meta div { list-style: none; }
      .meta dt { display: inline; font-weight: 600; color: var(--ink); }
      .meta dd { display: inline; margin: 0 0 0 4px; }
      .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 8px 0; }
      .figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
      .figure .name { color: var(--muted); font-size: 12px; }
      .figure .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
      .legend { display: flex; gap: 16px; margin: 4px 0; font-size: 12px; }
      .legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 4px;
                             background: var(--c); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      svg.chart { width: 100%; height: auto; display: block; }
      svg text { font-size: 11px; fill: var(--muted); font-family: inherit; }
      svg text.label, svg text.value { fill: var(--ink); font-size: 12px; }
      svg .grid { stroke: var(--line); stroke-width: 1; }
      svg .axis { stroke: var(--ink); stroke-width: 1; }
      .empty { color: var(--muted); font-style: italic; border: 1px dashed var(--line); padding: 12px; }
      table { border-collapse: collapse; width: 100%; font-size: 12px; }
      th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
      th { background: #f3f5f7; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      tr.stale td { background: var(--stale); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      .badge { font-weight: 600; color: var(--bad); white-space: nowrap; }
      .status-failed, .status-abandoned { color: var(--bad); font-weight: 600; }
      .small { color: var(--muted); font-size: 11px; }
      @media print {
        @page { size: A4 landscape; margin: 10mm; }
        body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
        section.currency { break-before: page; }
        section.currency:first-of-type { break-before: auto; }
        svg.chart, .figures, tr { break-inside: avoid; }
        h2, h3 { break-after: avoid; }
      }
      """;

  private FeeReport() {}

  /** Returns the page for {@code data}. */
  public static String render(ReportData data) {
    ZoneId zone = data.generatedAt().getZone();
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = data.from(); !m.isAfter(data.to()); m = m.plusMonths(1)) {
      months.add(m);
    }
    TreeSet<String> currencies = new TreeSet<>();
    data.monthlyTotals().forEach(t -> currencies.add(t.currency()));
    data.productTotals().forEach(t -> currencies.add(t.currency()));

    String period = data.from() + " to " + data.to();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape("Fee report " + period)).append("</title><style>").append(CSS)
        .append("</style></head><body>\n");
    html.append("<header><h1>Fee report</h1><dl class=\"meta\">");
    meta(html, "Period", period);
    meta(html, "Generated at", TIME.format(data.generatedAt()) + " " + zone.getId());
    meta(html, "Last successful fee sync", lastSuccess(data.recentSyncs(), zone));
    long productsWithFees = data.productTotals().stream().map(ProductTotal::productId).distinct().count();
    meta(html, "Products covered", productsWithFees + " with fees in the period, " + data.snapshot().size()
        + " in the snapshot");
    html.append("</dl></header>\n");

    if (currencies.isEmpty()) {
      html.append("<section class=\"currency\"><h2>Fees</h2>").append("<p class=\"empty\">")
          .append(escape(MonthlyChart.NO_FEES)).append("</p></section>\n");
    }
    for (String currency : currencies) {
      currencySection(html, data, currency, months);
    }
    snapshotSection(html, data);
    syncSection(html, data, zone);
    html.append("<footer class=\"small\"><p>Amounts are sums of the fee records by booking date; reversals are "
        + "negative. Currencies are never added together. Made by integrated-sync report.</p></footer>");
    html.append("</body></html>\n");
    return html.toString();
  }

  private static void meta(StringBuilder html, String name, String value) {
    html.append("<div><dt>").append(escape(name)).append(":</dt><dd>").append(escape(value)).append("</dd></div>");
  }

  private static String lastSuccess(List<SyncRun> runs, ZoneId zone) {
    return runs.stream().filter(run -> run.status() == SyncStatus.SUCCEEDED).findFirst()
        .map(run -> TIME.format(run.finishedAt().orElse(run.startedAt()).atZone(zone)) + " (window " + run.from()
            + " to " + run.to() + ")")
        .orElse("none among the last " + ReportData.RECENT_SYNCS + " runs");
  }

  private static void currencySection(StringBuilder html, ReportData data, String currency, List<YearMonth> months) {
    Map<YearMonth, Map<FeeType, BigDecimal>> byMonth = new LinkedHashMap<>();
    for (MonthlyTotal total : data.monthlyTotals()) {
      if (total.currency().equals(currency)) {
        byMonth.computeIfAbsent(total.month(), m -> new EnumMap<>(FeeType.class))
            .merge(total.feeType(), total.total(), BigDecimal::add);
      }
    }
    html.append("<section class=\"currency\" data-currency=\"").append(escape(currency)).append("\"><h2>")
        .append(escape("Fees in " + currency)).append("</h2>\n");
    keyFigures(html, data, currency, byMonth);

    html.append("<h3>").append(escape("Fees per month by type (" + currency + ")")).append("</h3>");
    html.append("<div class=\"legend\" aria-hidden=\"true\">");
    for (FeeType type : MonthlyChart.TYPES) {
      html.append("<span style=\"--c: ").append(MonthlyChart.colour(type)).append("\">")
          .append(MonthlyChart.label(type)).append("</span>");
    }
    html.append("</div>");
    Map<YearMonth, Map<FeeType, BigDecimal>> inPeriod = new LinkedHashMap<>();
    for (YearMonth month : months) {
      if (byMonth.containsKey(month)) {
        inPeriod.put(month, byMonth.get(month));
      }
    }
    html.append(MonthlyChart.render(currency, months, inPeriod)).append('\n');

    List<ProductTotal> products = data.productTotals().stream().filter(p -> p.currency().equals(currency)).toList();
    html.append("<h3>").append(escape("Top " + ProductChart.TOP_PRODUCTS + " products by fees over the period ("
        + currency + ")")).append("</h3>");
    html.append(ProductChart.render(currency, products)).append("\n</section>\n");
  }

  private static void keyFigures(StringBuilder html, ReportData data, String currency,
      Map<YearMonth, Map<FeeType, BigDecimal>> byMonth) {
    YearMonth month = data.to();
    BigDecimal thisMonth = sum(byMonth, month);
    BigDecimal lastMonth = sum(byMonth, month.minusMonths(1));
    BigDecimal yearToDate = BigDecimal.ZERO;
    for (YearMonth m = YearMonth.of(month.getYear(), 1); !m.isAfter(month); m = m.plusMonths(1)) {
      yearToDate = yearToDate.add(sum(byMonth, m));
    }
    BigDecimal lastYear = sum(byMonth, month.minusMonths(12));
    boolean current = month.equals(YearMonth.from(data.today()));
    html.append("<div class=\"figures\">");
    figure(html, (current ? "This month so far" : "Last month of the period") + " (" + month + ")",
        AmountFormat.format(thisMonth, currency));
    figure(html, "Month before (" + month.minusMonths(1) + ")", AmountFormat.format(lastMonth, currency));
    figure(html, "Year to date (" + month.getYear() + ")", AmountFormat.format(yearToDate, currency));
    figure(html, "Change against " + month.minusMonths(12), change(thisMonth, lastYear));
    html.append("</div>");
  }

  /** Returns the relative change from {@code before} to {@code now}, or "n/a" when there was nothing before. */
  static String change(BigDecimal now, BigDecimal before) {
    if (before.signum() == 0) {
      return "n/a (no fees then)";
    }
    BigDecimal percent = now.subtract(before).multiply(BigDecimal.valueOf(100))
        .divide(before.abs(), 1, RoundingMode.HALF_EVEN);
    String text = percent.abs().toPlainString() + " %";
    return percent.signum() > 0 ? "+" + text : percent.signum() < 0 ? AmountFormat.MINUS + text : text;
  }

  private static BigDecimal sum(Map<YearMonth, Map<FeeType, BigDecimal>> byMonth, YearMonth month) {
    return byMonth.getOrDefault(month, Map.of()).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static void figure(StringBuilder html, String name, String value) {
    html.append("<div class=\"figure\"><div class=\"name\">").append(escape(name))
        .append("</div><div class=\"value\">").append(escape(value)).append("</div></div>");
  }

  private static void snapshotSection(StringBuilder html, ReportData data) {
    LocalDate today = data.today();
    long stale = data.snapshot().stream().filter(row -> isStale(row, today)).count();
    html.append("<section class=\"snapshot\"><h2>Latest fee per product</h2>");
    html.append("<p class=\"small\">").append(escape("From fee_latest_snapshot. " + stale + " of "
        + data.snapshot().size() + " products have no fee for more than " + STALE_DAYS
        + " days (marked): a missing deduction to chase.")).append("</p>");
    if (data.snapshot().isEmpty()) {
      html.append("<p class=\"empty\">The snapshot is empty.</p></section>\n");
      return;
    }
    html.append("<table class=\"snapshot\"><thead><tr><th>Product</th><th>ISIN</th><th>Management</th>"
        + "<th>Performance</th><th>Custody</th><th>Latest fee (any type)</th><th>Outstanding quantity</th>"
        + "</tr></thead><tbody>");
    for (SnapshotRow row : data.snapshot()) {
      boolean old = isStale(row, today);
      html.append(old ? "<tr class=\"stale\">" : "<tr>");
      html.append("<td>").append(escape(row.productName().orElse(row.productId()))).append("</td><td>")
          .append(escape(row.productIsin().orElse(""))).append("</td>");
      for (FeeType type : List.of(FeeType.MANAGEMENT, FeeType.PERFORMANCE, FeeType.CUSTODY)) {
        html.append("<td class=\"num\">").append(fee(row.latestByType().get(type))).append("</td>");
      }
      html.append("<td class=\"num\">").append(fee(row.latest())).append("<br><span class=\"small\">")
          .append(MonthlyChart.label(row.latestType())).append("</span>");
      if (old) {
        html.append("<br><span class=\"badge\">")
            .append(escape("⚠ " + ChronoUnit.DAYS.between(row.latest().date(), today) + " days old"))
            .append("</span>");
      }
      html.append("</td><td class=\"num\">")
          .append(escape(row.outstandingQuantity().map(BigDecimal::toPlainString).orElse("")))
          .append("</td></tr>");
    }
    html.append("</tbody></table></section>\n");
  }

  static boolean isStale(SnapshotRow row, LocalDate today) {
    return row.latest().date().isBefore(today.minusDays(STALE_DAYS));
  }

  private static String fee(LatestFee fee) {
    return Optional.ofNullable(fee).map(f -> escape(AmountFormat.format(f.amount(), f.currency()))
        + "<br><span class=\"small\">" + f.date() + "</span>").orElse("–");
  }

  private static void syncSection(StringBuilder html, ReportData data, ZoneId zone) {
    html.append("<section class=\"syncs\"><h2>Last ").append(ReportData.RECENT_SYNCS)
        .append(" fee syncs</h2>");
    if (data.recentSyncs().isEmpty()) {
      html.append("<p class=\"empty\">No fee sync has run yet.</p></section>\n");
      return;
    }
    html.append("<table class=\"syncs\"><thead><tr><th>Started</th><th>Finished</th><th>Outcome</th><th>Window</th>"
        + "<th>Fetched</th><th>Inserted</th><th>Updated</th><th>Unchanged</th><th>Deleted</th><th>Error</th>"
        + "</tr></thead><tbody>");
    for (SyncRun run : data.recentSyncs()) {
      html.append("<tr><td>").append(TIME.format(run.startedAt().atZone(zone))).append("</td><td>")
          .append(run.finishedAt().map(t -> TIME.format(t.atZone(zone))).orElse("–")).append("</td><td class=\"status-")
          .append(run.status().columnValue()).append("\">").append(run.status().columnValue()).append("</td><td>")
          .append(run.from()).append(" to ").append(run.to()).append("</td>");
      for (long count : new long[] {run.fetched(), run.inserted(), run.updated(), run.unchanged(), run.deleted()}) {
        html.append("<td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", count)).append("</td>");
      }
      html.append("<td>").append(escape(run.error().orElse(""))).append("</td></tr>");
    }
    html.append("</tbody></table></section>\n");
  }
}
