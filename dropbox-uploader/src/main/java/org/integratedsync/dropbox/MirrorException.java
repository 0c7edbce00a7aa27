package org.integratedsync.dropbox;

/**
 * The root of every exception a mirror run of this library throws, whatever the target. It is unchecked; the
 * subclasses say what went wrong:
 *
 * <ul>
 *   <li>{@link FolderAccessException}: the target folder (in Dropbox or on a local disk) cannot be
 *       listed, created or used;
 *   <li>{@link TransferException}: a call to the target failed as a whole;
 *   <li>{@link DropboxSyncException}: Dropbox itself or its credentials — {@link
 *       DropboxAuthenticationException}, {@link CredentialsFileException}.
 * </ul>
 *
 * <p>A failure of a single file is not an exception: it is a {@link FailedFile} in the report. A
 * setting out of range is refused as it is set or built, before anything runs, with a {@link
 * DropboxConfigurationException} (an {@link IllegalArgumentException}, as in the other libraries).
 * Messages never contain secrets (app secret, refresh or access tokens).
 */
public class MirrorException extends RuntimeException {

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message what went wrong, without secrets
   * @param cause the underlying failure, or null
   */
  public MirrorException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, without secrets
   */
  public MirrorException(String message) {
    super(message);
  }
}
