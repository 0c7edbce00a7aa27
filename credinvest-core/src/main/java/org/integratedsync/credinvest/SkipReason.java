package org.integratedsync.credinvest;

/** Why the selection rules left a file out. The rules apply in this order. */
public enum SkipReason {
  /** The name does not follow the INTE pattern; such a file is never downloaded. */
  UNRECOGNISED,
  /** A newer file of the same account and type exists (rule 1). */
  SUPERSEDED,
  /** The account's other type is more than the pair gap newer (rule 2). */
  PAIR_GAP,
  /** More than the staleness limit older than the newest recognised file in the listing (rule 3). */
  STALE
}
