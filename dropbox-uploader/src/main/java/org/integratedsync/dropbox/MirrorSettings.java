package org.integratedsync.dropbox;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a {@link FolderMirror} runs. Immutable and thread-safe.
 *
 * @param batchSize files per upload or delete call, 1 to 1000 (Dropbox's limit; default 1000)
 * @param deleteLocalAfterUpload delete each local file once the target holds it with the same content hash
 * @param retry how failures are retried
 * @param listener receives progress events (default {@link MirrorListener#NONE})
 * @param managed which target file names the mirror may delete or overwrite; every other entry is
 *     foreign and left alone (default: every name)
 * @param replacementKey maps a managed name to its replacement key: files with the same key replace
 *     each other, so a stale file is kept while it is the last copy of a key whose new file did not
 *     land (default: the name without regard to case, i.e. each file replaces only itself); must
 *     not return null for a managed name
 */
public record MirrorSettings(int batchSize, boolean deleteLocalAfterUpload, RetrySettings retry,
    MirrorListener listener, Predicate<String> managed, Function<String, String> replacementKey) {

  /** Dropbox accepts at most this many entries in one batch call. */
  public static final int MAX_BATCH_SIZE = 1000;

  /**
   * Validates the settings.
   *
   * @throws DropboxConfigurationException if the batch size is out of range
   * @throws NullPointerException if a part is null
   */
  public MirrorSettings {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new DropboxConfigurationException(
          "batchSize", "batchSize must be between 1 and " + MAX_BATCH_SIZE + ": " + batchSize);
    }
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(managed, "managed");
    Objects.requireNonNull(replacementKey, "replacementKey");
  }

  /**
   * Returns the defaults: batches of 1000, local files kept, {@link RetrySettings#defaults()}, no
   * listener, every name managed, each name its own replacement key.
   */
  public static MirrorSettings defaults() {
    return new MirrorSettings(MAX_BATCH_SIZE, false, RetrySettings.defaults(), MirrorListener.NONE, name -> true,
        name -> name.toLowerCase(Locale.ROOT));
  }

  /** Returns a copy with another batch size. @param value 1 to 1000 @return the copy */
  public MirrorSettings withBatchSize(int value) {
    return new MirrorSettings(value, deleteLocalAfterUpload, retry, listener, managed, replacementKey);
  }

  /** Returns a copy that does or does not delete verified local files. @param value the flag @return the copy */
  public MirrorSettings withDeleteLocalAfterUpload(boolean value) {
    return new MirrorSettings(batchSize, value, retry, listener, managed, replacementKey);
  }

  /** Returns a copy with other retry settings. @param value the retry settings @return the copy */
  public MirrorSettings withRetry(RetrySettings value) {
    return new MirrorSettings(batchSize, deleteLocalAfterUpload, value, listener, managed, replacementKey);
  }

  /** Returns a copy with another progress listener. @param value the listener @return the copy */
  public MirrorSettings withListener(MirrorListener value) {
    return new MirrorSettings(batchSize, deleteLocalAfterUpload, retry, value, managed, replacementKey);
  }

  /**
   * Returns a copy that manages only the names the predicate accepts; the others are never deleted
   * or overwritten.
   *
   * @param value the predicate, called with plain file names
   * @return the copy
   */
  public MirrorSettings withManaged(Predicate<String> value) {
    return new MirrorSettings(batchSize, deleteLocalAfterUpload, retry, listener, value, replacementKey);
  }

  /**
   * Returns a copy with another replacement key function.
   *
   * @param value maps a managed name to its key (for reports: account and type)
   * @return the copy
   */
  public MirrorSettings withReplacementKey(Function<String, String> value) {
    return new MirrorSettings(batchSize, deleteLocalAfterUpload, retry, listener, managed, value);
  }
}
