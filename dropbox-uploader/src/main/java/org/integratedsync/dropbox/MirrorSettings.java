package org.integratedsync.dropbox;

import java.util.Objects;

/**
 * How a {@link FolderMirror} runs. Immutable and thread-safe.
 *
 * @param batchSize files per upload or delete call, 1 to 1000 (Dropbox's limit; default 1000)
 * @param deleteLocalAfterUpload delete each local file once the target holds it with the same content hash
 * @param retry how failures are retried
 * @param listener receives progress events (default {@link MirrorListener#NONE})
 */
public record MirrorSettings(int batchSize, boolean deleteLocalAfterUpload, RetrySettings retry,
    MirrorListener listener) {

  /** Dropbox accepts at most this many entries in one batch call. */
  public static final int MAX_BATCH_SIZE = 1000;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if the batch size is out of range
   * @throws NullPointerException if {@code retry} or {@code listener} is null
   */
  public MirrorSettings {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH_SIZE + ": " + batchSize);
    }
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(listener, "listener");
  }

  /** Returns the defaults: batches of 1000, local files kept, {@link RetrySettings#defaults()}, no listener. */
  public static MirrorSettings defaults() {
    return new MirrorSettings(MAX_BATCH_SIZE, false, RetrySettings.defaults(), MirrorListener.NONE);
  }

  /** Returns a copy with another batch size. @param value 1 to 1000 @return the copy */
  public MirrorSettings withBatchSize(int value) {
    return new MirrorSettings(value, deleteLocalAfterUpload, retry, listener);
  }

  /** Returns a copy that does or does not delete verified local files. @param value the flag @return the copy */
  public MirrorSettings withDeleteLocalAfterUpload(boolean value) {
    return new MirrorSettings(batchSize, value, retry, listener);
  }

  /** Returns a copy with other retry settings. @param value the retry settings @return the copy */
  public MirrorSettings withRetry(RetrySettings value) {
    return new MirrorSettings(batchSize, deleteLocalAfterUpload, value, listener);
  }

  /** Returns a copy with another progress listener. @param value the listener @return the copy */
  public MirrorSettings withListener(MirrorListener value) {
    return new MirrorSettings(batchSize, deleteLocalAfterUpload, retry, value);
  }
}
