package org.integratedsync.cli.internal.report;

import static org.integratedsync.cli.internal.report.Html.coordinate;
import static org.integratedsync.cli.internal.report.Html.escape;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.integratedsync.feestore.FeeType;

/**
 * The chart of one currency's fees per month, stacked by fee type, as inline SVG: positive amounts are
 * stacked upwards from the zero line, negative ones (reversals) downwards from it, so each segment's
 * height is proportional to its amount. Months without fees keep their place on the axis.
 */
final class MonthlyChart {

  static final double WIDTH = 960;
  static final double HEIGHT = 320;
  static final double LEFT = 100;
  static final double RIGHT = 10;
  static final double TOP = 16;
  static final double BOTTOM = 44;
  static final String NO_FEES = "No fees in this period.";

  /** The fee types in stacking order (from the zero line outwards) and their colours. */
  static final List<FeeType> TYPES = List.of(FeeType.MANAGEMENT, FeeType.PERFORMANCE, FeeType.CUSTODY,
      FeeType.OTHER);

  private MonthlyChart() {}

  static String colour(FeeType type) {
    return switch (type) {
      case MANAGEMENT -> "#1f5f99";
      case PERFORMANCE -> "#e08a1e";
      case CUSTODY -> "#3a9a5b";
      case OTHER -> "#8a8f98";
    };
  }

  static String label(FeeType type) {
    return switch (type) {
      case MANAGEMENT -> "Management";
      case PERFORMANCE -> "Performance";
      case CUSTODY -> "Custody";
      case OTHER -> "Other";
    };
  }

  /**
   * Returns the chart, or a paragraph saying there were no fees when every month is empty.
   *
   * @param currency the currency all amounts are in
   * @param months the months on the axis, in order
   * @param amounts the amount per month and type; missing entries are no fees
   */
  static String render(String currency, List<YearMonth> months, Map<YearMonth, Map<FeeType, BigDecimal>> amounts) {
    double maxUp = 0;
    double maxDown = 0;
    for (YearMonth month : months) {
      double up = 0;
      double down = 0;
      for (BigDecimal amount : amounts.getOrDefault(month, Map.of()).values()) {
        double value = amount.doubleValue();
        if (value > 0) {
          up += value;
        } else {
          down -= value;
        }
      }
      maxUp = Math.max(maxUp, up);
      maxDown = Math.max(maxDown, down);
    }
    if (months.isEmpty() || maxUp + maxDown == 0) {
      return "<p class=\"empty\">" + escape(NO_FEES) + "</p>";
    }
    String title = "Fees per month by type in " + currency + ", " + months.get(0) + " to "
        + months.get(months.size() - 1);
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double scale = plotHeight / (maxUp + maxDown);
    double zero = TOP + maxUp * scale;
    double slot = (WIDTH - LEFT - RIGHT) / months.size();
    double barWidth = slot * 0.7;

    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart monthly\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(coordinate(WIDTH)).append(' ').append(coordinate(HEIGHT)).append("\" data-currency=\"")
        .append(escape(currency)).append("\" aria-label=\"").append(escape(title)).append("\">")
        .append("<title>").append(escape(title)).append("</title>");
    // scale: the largest month upwards, zero, the largest reversal downwards
    List<double[]> ticks = new ArrayList<>();
    ticks.add(new double[] {maxUp, zero - maxUp * scale});
    ticks.add(new double[] {0, zero});
    if (maxDown * scale >= 14) { // a smaller reversal's label would overlap the zero's
      ticks.add(new double[] {-maxDown, zero + maxDown * scale});
    }
    for (double[] tick : ticks) {
      if (tick[0] != 0 || tick == ticks.get(1)) {
        svg.append("<line class=\"grid\" x1=\"").append(coordinate(LEFT)).append("\" x2=\"")
            .append(coordinate(WIDTH - RIGHT)).append("\" y1=\"").append(coordinate(tick[1])).append("\" y2=\"")
            .append(coordinate(tick[1])).append("\"/>");
        svg.append("<text class=\"tick\" x=\"").append(coordinate(LEFT - 6)).append("\" y=\"")
            .append(coordinate(tick[1] + 4)).append("\" text-anchor=\"end\">")
            .append(escape(AmountFormat.number(BigDecimal.valueOf(tick[0]), currency))).append("</text>");
      }
    }
    boolean everyOther = months.size() > 14;
    for (int i = 0; i < months.size(); i++) {
      YearMonth month = months.get(i);
      double x = LEFT + i * slot + (slot - barWidth) / 2;
      double up = 0;
      double down = 0;
      Map<FeeType, BigDecimal> ofMonth = amounts.getOrDefault(month, Map.of());
      for (FeeType type : TYPES) {
        BigDecimal amount = ofMonth.get(type);
        if (amount == null || amount.signum() == 0) {
          continue;
        }
        double height = Math.abs(amount.doubleValue()) * scale;
        double y;
        if (amount.signum() > 0) {
          up += height;
          y = zero - up;
        } else {
          y = zero + down;
          down += height;
        }
        svg.append("<rect class=\"bar\" data-month=\"").append(month).append("\" data-type=\"").append(type)
            .append("\" data-amount=\"").append(amount.toPlainString()).append("\" x=\"").append(coordinate(x))
            .append("\" y=\"").append(coordinate(y)).append("\" width=\"").append(coordinate(barWidth))
            .append("\" height=\"").append(coordinate(height)).append("\" fill=\"").append(colour(type))
            .append("\"><title>").append(escape(month + " " + label(type) + ": " + AmountFormat.format(amount,
                currency))).append("</title></rect>");
      }
      if (!everyOther || i % 2 == 0) {
        svg.append("<text class=\"month\" x=\"").append(coordinate(LEFT + i * slot + slot / 2)).append("\" y=\"")
            .append(coordinate(HEIGHT - BOTTOM + 18)).append("\" text-anchor=\"middle\">").append(month)
            .append("</text>");
      }
    }
    svg.append("<line class=\"axis\" x1=\"").append(coordinate(LEFT)).append("\" x2=\"")
        .append(coordinate(WIDTH - RIGHT)).append("\" y1=\"").append(coordinate(zero)).append("\" y2=\"")
        .append(coordinate(zero)).append("\"/>");
    svg.append("</svg>");
    return svg.toString();
  }
}
