package org.integratedsync.credinvest;

import java.nio.file.Path;

/**
 * Listing a folder or copying one file failed: the remote file vanished, the size did not match, the
 * local folder is not writable or the disk is full. No file is left under its final name.
 */
public final class FileTransferException extends CredinvestException {

  private final String fileName;
  private final Path localPath;

  /**
   * Creates an exception.
   *
   * @param fileName the file concerned, or {@code null} for a folder operation
   * @param localPath the local file or folder concerned, or {@code null}
   * @param message what failed
   * @param cause the underlying error, or {@code null}
   */
  public FileTransferException(String fileName, Path localPath, String message, Throwable cause) {
    super(message, cause);
    this.fileName = fileName;
    this.localPath = localPath;
  }

  /** Returns the file concerned, or null for a folder operation. */
  public String fileName() {
    return fileName;
  }

  /** Returns the local file or folder concerned, or null. */
  public Path localPath() {
    return localPath;
  }
}
