package org.integratedsync.dropbox;

import java.util.List;

/**
 * What a mirror run would do, decided from the target's listing: the files to upload (new or with a
 * different content hash), the files already present with the same content, and the target files
 * not in the selection that would be deleted. Immutable.
 *
 * @param upload files to upload, in name order
 * @param unchanged files the target already holds with the same content hash, in name order
 * @param delete names of target files not in the selection, in name order
 */
public record MirrorPlan(List<LocalFile> upload, List<LocalFile> unchanged, List<String> delete) {

  /** Copies the lists. */
  public MirrorPlan {
    upload = List.copyOf(upload);
    unchanged = List.copyOf(unchanged);
    delete = List.copyOf(delete);
  }
}
