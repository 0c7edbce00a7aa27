package org.integratedsync.cli.internal.report;

import static org.integratedsync.cli.internal.report.Html.coordinate;
import static org.integratedsync.cli.internal.report.Html.escape;

import java.util.List;
import org.integratedsync.feestore.ProductTotal;

/**
 * The chart of one currency's top products by fees over the period, as inline SVG: one horizontal bar per
 * product, its length proportional to its total, drawn left of the zero line when the total is negative.
 */
final class ProductChart {

  static final int TOP_PRODUCTS = 15;
  static final double WIDTH = 960;
  static final double LABEL_WIDTH = 330;
  static final double AMOUNT_WIDTH = 130;
  static final double ROW = 24;
  static final double TOP = 8;

  private ProductChart() {}

  /**
   * Returns the chart of the first {@value #TOP_PRODUCTS} products, or a paragraph saying there were no fees.
   *
   * @param currency the currency of every total
   * @param products the products' totals in that currency, largest first
   */
  static String render(String currency, List<ProductTotal> products) {
    List<ProductTotal> top = products.subList(0, Math.min(TOP_PRODUCTS, products.size()));
    double max = 0;
    double min = 0;
    for (ProductTotal product : top) {
      max = Math.max(max, product.total().doubleValue());
      min = Math.min(min, product.total().doubleValue());
    }
    if (max - min == 0) {
      return "<p class=\"empty\">" + escape(MonthlyChart.NO_FEES) + "</p>";
    }
    String title = "Top " + top.size() + (top.size() == 1 ? " product" : " products") + " by fees in " + currency;
    double height = TOP * 2 + top.size() * ROW;
    double plotWidth = WIDTH - LABEL_WIDTH - AMOUNT_WIDTH;
    double scale = plotWidth / (max - min);
    double zero = LABEL_WIDTH + -min * scale;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart products\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(coordinate(WIDTH)).append(' ').append(coordinate(height)).append("\" data-currency=\"")
        .append(escape(currency)).append("\" aria-label=\"").append(escape(title)).append("\">")
        .append("<title>").append(escape(title)).append("</title>");
    for (int i = 0; i < top.size(); i++) {
      ProductTotal product = top.get(i);
      double y = TOP + i * ROW;
      double length = Math.abs(product.total().doubleValue()) * scale;
      double x = product.total().signum() < 0 ? zero - length : zero;
      String name = product.productName().orElse(product.productId())
          + product.productIsin().map(isin -> " · " + isin).orElse("");
      String amount = AmountFormat.format(product.total(), currency);
      svg.append("<text class=\"label\" x=\"").append(coordinate(LABEL_WIDTH - 8)).append("\" y=\"").append(coordinate(y + ROW * 0.65))
          .append("\" text-anchor=\"end\">").append(escape(shorten(name))).append("</text>");
      svg.append("<rect class=\"bar\" data-product=\"").append(escape(product.productId()))
          .append("\" data-amount=\"").append(product.total().toPlainString()).append("\" x=\"")
          .append(coordinate(x)).append("\" y=\"").append(coordinate(y + 3)).append("\" width=\"")
          .append(coordinate(length)).append("\" height=\"").append(coordinate(ROW - 6))
          .append("\" fill=\"").append(product.total().signum() < 0 ? "#b5473a" : "#1f5f99").append("\"><title>")
          .append(escape(name + ": " + amount)).append("</title></rect>");
      svg.append("<text class=\"value\" x=\"").append(coordinate(WIDTH - AMOUNT_WIDTH + 6)).append("\" y=\"")
          .append(coordinate(y + ROW * 0.65)).append("\">").append(escape(amount)).append("</text>");
    }
    svg.append("<line class=\"axis\" x1=\"").append(coordinate(zero)).append("\" x2=\"").append(coordinate(zero))
        .append("\" y1=\"").append(coordinate(TOP)).append("\" y2=\"").append(coordinate(height - TOP))
        .append("\"/>");
    svg.append("</svg>");
    return svg.toString();
  }

  /** Keeps a label within the label column: at most 48 characters, with an ellipsis. */
  static String shorten(String label) {
    return label.codePointCount(0, label.length()) <= 48 ? label
        : label.substring(0, label.offsetByCodePoints(0, 47)) + "…";
  }
}
