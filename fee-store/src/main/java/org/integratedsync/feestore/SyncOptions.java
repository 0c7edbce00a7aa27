package org.integratedsync.feestore;

/**
 * How one sync applies its window; immutable.
 *
 * @param allowEmptyWindow apply a window for which the source returned no records even though the store
 *     holds records there (which deletes them); off by default, because an empty answer more often means
 *     a source problem than that every fee was reversed
 * @param dryRun compute and report the counts but change nothing: no record, summary or status row is
 *     written
 */
public record SyncOptions(boolean allowEmptyWindow, boolean dryRun) {

  /** Guarded, applying sync: the usual choice. */
  public static final SyncOptions DEFAULTS = new SyncOptions(false, false);

  /** Returns a copy that allows an empty window. */
  public SyncOptions withAllowEmptyWindow(boolean allow) {
    return new SyncOptions(allow, dryRun);
  }

  /** Returns a copy with dry-run set as given. */
  public SyncOptions withDryRun(boolean dry) {
    return new SyncOptions(allowEmptyWindow, dry);
  }
}
