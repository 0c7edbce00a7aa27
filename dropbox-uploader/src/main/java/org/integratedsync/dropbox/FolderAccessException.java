package org.integratedsync.dropbox;

/**
 * The target folder cannot be listed, created or used (for example the Dropbox path names a file,
 * the account has no access, or a local folder cannot be created or read). Thrown by every target,
 * Dropbox or local; {@link #folder()} names it. Nothing is deleted after this error.
 */
public final class FolderAccessException extends MirrorException {

  private final String folder;

  /**
   * Creates the exception.
   *
   * @param folder the folder (a Dropbox path or a local directory)
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public FolderAccessException(String folder, String message, Throwable cause) {
    super(message, cause);
    this.folder = folder;
  }

  /** Returns the folder that could not be used. */
  public String folder() {
    return folder;
  }
}
