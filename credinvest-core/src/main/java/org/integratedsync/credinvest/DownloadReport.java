package org.integratedsync.credinvest;

import java.util.List;

/**
 * The per-file results of a download, in the order the files were given.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param results one result per requested file
 */
public record DownloadReport(List<DownloadResult> results) {

  /**
   * Copies the results.
   *
   * @throws NullPointerException if {@code results} or an element is null
   */
  public DownloadReport {
    results = List.copyOf(results);
  }

  /** Returns the files that were copied. */
  public List<DownloadResult> downloaded() {
    return with(DownloadResult.Outcome.DOWNLOADED);
  }

  /** Returns the files that were already present and not copied again. */
  public List<DownloadResult> alreadyPresent() {
    return with(DownloadResult.Outcome.ALREADY_PRESENT);
  }

  /** Returns the files that failed. */
  public List<DownloadResult> failed() {
    return with(DownloadResult.Outcome.FAILED);
  }

  /** Returns whether every file is now present locally. */
  public boolean isComplete() {
    return results.stream().noneMatch(r -> r.outcome() == DownloadResult.Outcome.FAILED);
  }

  private List<DownloadResult> with(DownloadResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }
}
