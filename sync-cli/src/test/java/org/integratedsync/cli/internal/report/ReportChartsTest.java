package org.integratedsync.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedsync.feestore.FeeType;
import org.integratedsync.feestore.ProductTotal;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The SVG geometry of the report's charts for known data. */
class ReportChartsTest {

  private static final YearMonth JAN = YearMonth.of(2025, 1);
  private static final YearMonth FEB = YearMonth.of(2025, 2);
  private static final YearMonth MAR = YearMonth.of(2025, 3);

  private static Document svg(String markup) {
    assertThat(markup).startsWith("<svg");
    return Jsoup.parse(markup, "", Parser.xmlParser());
  }

  private static double num(Element element, String attribute) {
    return Double.parseDouble(element.attr(attribute));
  }

  private static Element bar(Document doc, YearMonth month, FeeType type) {
    return doc.selectFirst("rect.bar[data-month=" + month + "][data-type=" + type + "]");
  }

  @Test
  void monthlyBarsAreProportionalStackedFromTheZeroLineAndReversalsHangBelowIt() {
    Map<YearMonth, Map<FeeType, BigDecimal>> amounts = Map.of(
        JAN, Map.of(FeeType.MANAGEMENT, new BigDecimal("100"), FeeType.PERFORMANCE, new BigDecimal("50")),
        FEB, Map.of(FeeType.MANAGEMENT, new BigDecimal("200"), FeeType.CUSTODY, new BigDecimal("-50")));

    Document doc = svg(MonthlyChart.render("CHF", List.of(JAN, FEB, MAR), amounts));

    assertThat(doc.select("rect.bar")).hasSize(4);
    double plot = MonthlyChart.HEIGHT - MonthlyChart.TOP - MonthlyChart.BOTTOM;
    double perUnit = plot / 250; // tallest stack up 200, deepest reversal down 50
    double zero = num(doc.selectFirst("line.axis"), "y1");
    assertThat(zero).isCloseTo(MonthlyChart.TOP + 200 * perUnit, within(0.01));

    Element janManagement = bar(doc, JAN, FeeType.MANAGEMENT);
    Element janPerformance = bar(doc, JAN, FeeType.PERFORMANCE);
    Element febManagement = bar(doc, FEB, FeeType.MANAGEMENT);
    Element febCustody = bar(doc, FEB, FeeType.CUSTODY);
    assertThat(num(janManagement, "height")).isCloseTo(100 * perUnit, within(0.01));
    assertThat(num(febManagement, "height") / num(janManagement, "height")).isCloseTo(2.0, within(0.001));
    assertThat(num(janPerformance, "height") / num(janManagement, "height")).isCloseTo(0.5, within(0.001));
    // stacked: management sits on the zero line, performance right on top of it, the stack is 150 high
    assertThat(num(janManagement, "y") + num(janManagement, "height")).isCloseTo(zero, within(0.01));
    assertThat(num(janPerformance, "y") + num(janPerformance, "height")).isCloseTo(num(janManagement, "y"),
        within(0.01));
    assertThat(zero - num(janPerformance, "y")).isCloseTo(150 * perUnit, within(0.02));
    // the reversal starts at the zero line and goes down
    assertThat(num(febCustody, "y")).isCloseTo(zero, within(0.01));
    assertThat(num(febCustody, "height")).isCloseTo(50 * perUnit, within(0.01));
    assertThat(num(febCustody, "y") + num(febCustody, "height")).isLessThanOrEqualTo(
        MonthlyChart.HEIGHT - MonthlyChart.BOTTOM + 0.01);
    // an empty month keeps its slot: three month labels, bars of one month share one x
    assertThat(doc.select("text.month")).extracting(Element::text).containsExactly("2025-01", "2025-02", "2025-03");
    assertThat(janManagement.attr("x")).isEqualTo(janPerformance.attr("x"));
    assertThat(num(febManagement, "x")).isGreaterThan(num(janManagement, "x"));
    assertThat(febCustody.selectFirst("title").text()).isEqualTo("2025-02 Custody: CHF −50.00");
  }

  @Test
  void chartsCarryATitleAndAnAriaLabelNamingTheCurrency() {
    Document doc = svg(MonthlyChart.render("EUR", List.of(JAN), Map.of(JAN, Map.of(FeeType.OTHER, BigDecimal.TEN))));

    Element root = doc.selectFirst("svg");
    assertThat(root.attr("role")).isEqualTo("img");
    assertThat(root.attr("aria-label")).isEqualTo("Fees per month by type in EUR, 2025-01 to 2025-01");
    assertThat(root.child(0).tagName()).isEqualTo("title");
    assertThat(root.child(0).text()).isEqualTo(root.attr("aria-label"));
  }

  @Test
  void noFeesAtAllGiveAnExplicitSentenceInsteadOfAnEmptyChart() {
    assertThat(MonthlyChart.render("CHF", List.of(JAN, FEB), Map.of())).doesNotContain("<svg")
        .contains("No fees in this period.");
    assertThat(MonthlyChart.render("CHF", List.of(JAN), Map.of(JAN, Map.of(FeeType.OTHER, BigDecimal.ZERO))))
        .doesNotContain("<svg").contains("No fees in this period.");
    assertThat(ProductChart.render("CHF", List.of())).doesNotContain("<svg").contains("No fees in this period.");
  }

  @Test
  void oneProductFillsThePlotWithItsNameAndIsin() {
    Document doc = svg(ProductChart.render("CHF", List.of(product("P1", "Alpha Note", "CH0000000001", "1234.5"))));

    Element bar = doc.selectFirst("rect.bar");
    assertThat(doc.select("rect.bar")).hasSize(1);
    assertThat(num(bar, "width")).isCloseTo(ProductChart.WIDTH - ProductChart.LABEL_WIDTH - ProductChart.AMOUNT_WIDTH,
        within(0.01));
    assertThat(num(bar, "x")).isCloseTo(ProductChart.LABEL_WIDTH, within(0.01));
    assertThat(doc.selectFirst("text.label").text()).isEqualTo("Alpha Note · CH0000000001");
    assertThat(doc.selectFirst("text.value").text()).isEqualTo("CHF 1,234.50");
    assertThat(doc.selectFirst("svg").attr("aria-label")).isEqualTo("Top 1 product by fees in CHF");
  }

  @Test
  void productBarsAreProportionalNegativeTotalsGoLeftAndOnlyTheTopFifteenAreDrawn() {
    List<ProductTotal> products = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      products.add(product("P" + i, "Product " + i, null, String.valueOf(300 - i * 10)));
    }
    products.set(14, product("P14", "Reversed", null, "-100"));

    Document doc = svg(ProductChart.render("EUR", products));

    assertThat(doc.select("rect.bar")).hasSize(15);
    Element first = doc.selectFirst("rect.bar[data-product=P0]");
    Element second = doc.selectFirst("rect.bar[data-product=P1]");
    Element reversed = doc.selectFirst("rect.bar[data-product=P14]");
    assertThat(num(second, "width") / num(first, "width")).isCloseTo(290.0 / 300, within(0.001));
    assertThat(num(reversed, "width") / num(first, "width")).isCloseTo(100.0 / 300, within(0.001));
    double zero = num(doc.selectFirst("line.axis"), "x1");
    assertThat(num(first, "x")).isCloseTo(zero, within(0.01));
    assertThat(num(reversed, "x") + num(reversed, "width")).isCloseTo(zero, within(0.01));
    assertThat(doc.select("rect.bar[data-product=P15]")).isEmpty();
  }

  private static ProductTotal product(String id, String name, String isin, String total) {
    return new ProductTotal(id, Optional.ofNullable(name), Optional.ofNullable(isin), "CHF", new BigDecimal(total), 1);
  }
}
