package org.integratedsync.feestore;

/** The normalised kind of a fee, stored as its name in the {@code fee_type} columns. */
public enum FeeType {
  /** Management fee. */
  MANAGEMENT,
  /** Performance fee. */
  PERFORMANCE,
  /** Custody fee. */
  CUSTODY,
  /** Any other fee. */
  OTHER
}
