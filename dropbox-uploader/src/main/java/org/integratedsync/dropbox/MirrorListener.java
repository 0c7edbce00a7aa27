package org.integratedsync.dropbox;

/**
 * Receives progress events from a {@link FolderMirror} run, for progress display and logs. Every
 * method has an empty default. Events arrive on the thread that called {@link
 * FolderMirror#mirror(java.util.List)}, one at a time; implementations should return quickly and
 * must not throw.
 */
public interface MirrorListener {

  /** A listener that ignores every event. */
  MirrorListener NONE = new MirrorListener() {};

  /**
   * The target was listed and the work decided.
   *
   * @param plan what will be uploaded, kept and deleted
   */
  default void planned(MirrorPlan plan) {}

  /**
   * A file was committed and its content hash verified.
   *
   * @param name the file name
   * @param bytes its size
   */
  default void uploaded(String name, long bytes) {}

  /**
   * A retry pass starts.
   *
   * @param pass the retry pass, from 1
   * @param files how many files it retries
   */
  default void retrying(int pass, int files) {}

  /**
   * A stale file was deleted from the target.
   *
   * @param name the file name
   */
  default void deleted(String name) {}
}
