package org.integratedsync.dropbox;

import java.util.List;

/**
 * What a mirror run would do, decided from the target's listing: the files to upload (new or with a
 * different content hash), the files already present with the same content, the managed target
 * files not in the selection that would be deleted, those kept as the last copy of a key whose new
 * file did not land, and the foreign entries left alone. Immutable.
 *
 * @param upload files to upload, in name order
 * @param unchanged files the target already holds with the same content hash, in name order
 * @param delete names of managed target files that would be deleted, in name order
 * @param kept managed target files kept as fallback, in name order
 * @param foreign names of target entries the mirror does not manage or cannot use, in name order
 */
public record MirrorPlan(List<LocalFile> upload, List<LocalFile> unchanged, List<String> delete, List<KeptFile> kept,
    List<String> foreign) {

  /** Copies the lists. */
  public MirrorPlan {
    upload = List.copyOf(upload);
    unchanged = List.copyOf(unchanged);
    delete = List.copyOf(delete);
    kept = List.copyOf(kept);
    foreign = List.copyOf(foreign);
  }

  /**
   * Creates a plan that keeps nothing as fallback and has no foreign entries.
   *
   * @param upload files to upload
   * @param unchanged files already in place
   * @param delete names to delete
   */
  public MirrorPlan(List<LocalFile> upload, List<LocalFile> unchanged, List<String> delete) {
    this(upload, unchanged, delete, List.of(), List.of());
  }
}
