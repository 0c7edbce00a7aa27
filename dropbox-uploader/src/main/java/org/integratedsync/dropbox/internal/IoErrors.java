package org.integratedsync.dropbox.internal;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns file-system exceptions into the short reason a person reads, without Java class names. */
public final class IoErrors {
  private IoErrors() {}

  /**
   * Returns why a file operation failed, e.g. "permission denied" or "No space left on device"; the
   * caller's message already names the file.
   */
  public static String reason(Exception e) {
    if (e instanceof UncheckedIOException unchecked) {
      return reason(unchecked.getCause());
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() || e instanceof FileSystemException
        ? e.getClass().getSimpleName()
        : message;
  }
}
