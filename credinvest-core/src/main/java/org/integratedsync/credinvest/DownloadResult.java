package org.integratedsync.credinvest;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one file of a download.
 *
 * <p>Instances are immutable.
 *
 * @param file the file as listed
 * @param outcome downloaded, already present or failed
 * @param localPath the file's final local path (for a failure: where it would have been written)
 * @param error the failure, or {@code null} unless {@code outcome} is {@link Outcome#FAILED}
 */
public record DownloadResult(ListedFile file, Outcome outcome, Path localPath, CredinvestException error) {

  /** The outcome for one file. */
  public enum Outcome {
    /** Copied and renamed into place with the source's size and modification time. */
    DOWNLOADED,
    /** Already present locally with the same size and modification time; not copied again. */
    ALREADY_PRESENT,
    /** Not copied; nothing was left under the final name. */
    FAILED
  }

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if {@code file}, {@code outcome} or {@code localPath} is null
   * @throws IllegalArgumentException if {@code error} is given exactly when the outcome is not FAILED
   */
  public DownloadResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(localPath, "localPath");
    if ((outcome == Outcome.FAILED) != (error != null)) {
      throw new IllegalArgumentException("error must be given exactly for a FAILED outcome");
    }
  }

  /** Returns the failure, empty unless the outcome is {@link Outcome#FAILED}. */
  public Optional<CredinvestException> failure() {
    return Optional.ofNullable(error);
  }
}
