package org.integratedsync.vestr;

import java.util.Locale;

/** The normalised kind of a fee deduction. */
public enum FeeType {
  /** Management fee. */
  MANAGEMENT,
  /** Performance fee. */
  PERFORMANCE,
  /** Custody fee. */
  CUSTODY,
  /** Any other fee. */
  OTHER;

  /**
   * Normalises a source fee type such as {@code management_fee}, {@code Management Fee},
   * {@code MGMT}, {@code perf} or {@code custody}, without regard to case; anything not recognised
   * is {@link #OTHER}.
   *
   * @throws NullPointerException if {@code source} is null
   */
  public static FeeType normalise(String source) {
    // letters only, so "management_fee", "Management-Fee" and "MANAGEMENT FEE" compare equal
    String key = source.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (key.endsWith("fee") && key.length() > 3) {
      key = key.substring(0, key.length() - 3);
    } else if (key.endsWith("fees") && key.length() > 4) {
      key = key.substring(0, key.length() - 4);
    }
    switch (key) {
      case "management":
      case "mgmt":
      case "mgt":
      case "mngmt":
      case "man":
        return MANAGEMENT;
      case "performance":
      case "perf":
      case "perfo":
      case "incentive":
        return PERFORMANCE;
      case "custody":
      case "cust":
      case "custodian":
      case "safekeeping":
        return CUSTODY;
      default:
        return OTHER;
    }
  }
}
