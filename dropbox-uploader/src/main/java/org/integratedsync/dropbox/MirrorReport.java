package org.integratedsync.dropbox;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a mirror run. Files are named as in the target folder; the caller maps names to
 * whatever they stand for (accounts, report types). Immutable.
 *
 * @param target the target's description
 * @param uploaded files uploaded and verified by content hash, in name order
 * @param unchanged files the target already held with the same content, in name order
 * @param deleted target files removed because they were not in the selection, in name order
 * @param failed selected files that did not land (could not be read, collided with another name,
 *     still failed after the last pass), in name order
 * @param failedDeletions target files that could not be deleted, in name order
 * @param deletionSkippedReason why stale files were not deleted (an empty selection), or null
 * @param localFilesDeleted local files deleted after verification, in name order
 * @param bytesUploaded the sizes of the uploaded files, summed
 * @param keptAsFallback stale files kept as the last copy of a key whose new file did not land, in
 *     name order
 * @param foreign target entries left alone because the mirror does not manage them or cannot use
 *     them (with the reason for the latter), in name order
 */
public record MirrorReport(
    String target,
    List<String> uploaded,
    List<String> unchanged,
    List<String> deleted,
    List<FailedFile> failed,
    List<FailedFile> failedDeletions,
    String deletionSkippedReason,
    List<String> localFilesDeleted,
    long bytesUploaded,
    List<KeptFile> keptAsFallback,
    List<String> foreign) {

  /** Copies the lists. */
  public MirrorReport {
    uploaded = List.copyOf(uploaded);
    unchanged = List.copyOf(unchanged);
    deleted = List.copyOf(deleted);
    failed = List.copyOf(failed);
    failedDeletions = List.copyOf(failedDeletions);
    localFilesDeleted = List.copyOf(localFilesDeleted);
    keptAsFallback = List.copyOf(keptAsFallback);
    foreign = List.copyOf(foreign);
  }

  /** Returns whether every file is in place and every stale file is gone. */
  public boolean succeeded() {
    return failed.isEmpty() && failedDeletions.isEmpty() && deletionSkippedReason == null;
  }

  /** Returns why stale files were kept, if they were. */
  public Optional<String> deletionSkipped() {
    return Optional.ofNullable(deletionSkippedReason);
  }
}
