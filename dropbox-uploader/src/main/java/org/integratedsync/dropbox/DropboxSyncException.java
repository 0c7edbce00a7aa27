package org.integratedsync.dropbox;

/**
 * A failure on Dropbox's side or with its credentials: the subclasses are {@link
 * DropboxAuthenticationException} and {@link CredentialsFileException}; an interrupted Dropbox
 * upload is one too. A {@link MirrorException} like every exception of this library — a local
 * folder's errors are not Dropbox errors, and a folder that cannot be used ({@link
 * FolderAccessException}) or a call that failed as a whole ({@link TransferException}) can happen
 * with any target, so those extend {@link MirrorException} directly. Messages never contain
 * secrets (app secret, refresh or access tokens).
 */
public class DropboxSyncException extends MirrorException {

  /**
   * Creates an exception with a message and an optional cause.
   *
   * @param message what went wrong, without secrets
   * @param cause the underlying failure, or null
   */
  public DropboxSyncException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, without secrets
   */
  public DropboxSyncException(String message) {
    super(message);
  }
}
