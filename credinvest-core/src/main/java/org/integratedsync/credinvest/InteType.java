package org.integratedsync.credinvest;

/** The two kinds of INTE client report file. */
public enum InteType {
  /** {@code INTE100F}. */
  INTE100F("100F"),
  /** {@code INTE400F}. */
  INTE400F("400F");

  private final String shortName;

  InteType(String shortName) {
    this.shortName = shortName;
  }

  /** Returns the short form used in messages, {@code 100F} or {@code 400F}. */
  public String shortName() {
    return shortName;
  }
}
