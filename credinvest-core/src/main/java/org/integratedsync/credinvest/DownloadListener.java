package org.integratedsync.credinvest;

/**
 * Receives each file's result as soon as it is known, for progress display.
 *
 * <p>Implementations must be safe for concurrent use: parallel downloads call it from several threads.
 */
@FunctionalInterface
public interface DownloadListener {

  /** A listener that does nothing. */
  DownloadListener NONE = result -> {};

  /** Called once per requested file with its result. */
  void fileDone(DownloadResult result);
}
