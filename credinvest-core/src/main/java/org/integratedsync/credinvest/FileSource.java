package org.integratedsync.credinvest;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.integratedsync.credinvest.internal.LocalTarget;

/**
 * A folder INTE files are read from: an SFTP folder ({@link SftpSource}) or a local one ({@link
 * LocalFolderSource}).
 *
 * <p>Downloads write each file as {@code name.part} (created new, never through a symbolic link),
 * check its size against the listed size and that it is a complete xlsx (a readable zip archive), set
 * the listed modification time and then rename it into place atomically, so a file under its final
 * name is always a complete report. A file already present with the same size and modification time
 * is not copied again. Only regular files with recognised INTE names are ever copied.
 *
 * <p>Implementations are not meant to be shared between threads; a download may use several threads
 * internally.
 */
public interface FileSource extends AutoCloseable {

  /** Returns a description for logs and messages, e.g. {@code sftp://user@host:22/in}; no secrets. */
  String description();

  /**
   * Lists every entry of the folder (not recursive), sorted by name: regular files, folders,
   * symbolic links (as links, never followed) and special files, each with its {@link
   * ListedFile.Kind}.
   *
   * @throws CredinvestException if the folder cannot be listed; the subclass says why
   */
  List<ListedFile> list();

  /**
   * Copies files into {@code targetDir}, creating it if needed, and reports each file's outcome.
   *
   * @param files files from {@link #list()}, usually {@link Selection#selectedFiles()}
   * @param targetDir local folder to copy into
   * @param listener told about each file as soon as it is done
   * @return one result per file, in the order given
   * @throws FileTransferException if {@code targetDir} cannot be created or written
   * @throws CredinvestException if the source cannot be reached at all (e.g. a refused login); failures
   *     of single files are reported in the result instead
   */
  DownloadReport download(Collection<ListedFile> files, Path targetDir, DownloadListener listener);

  /**
   * Returns which of {@code files} a download into {@code targetDir} would skip because they are
   * already there exactly as a download leaves them: a regular file of the listed size and
   * modification time that is a complete xlsx. Changes nothing (a dry run uses it): no folder is
   * created, no leftover removed, nothing is read from the source.
   *
   * @param files files from {@link #list()}
   * @param targetDir the local folder a download would write into; it may not exist
   * @return the files already present, in the order given
   */
  default List<ListedFile> alreadyPresent(Collection<ListedFile> files, Path targetDir) {
    return LocalTarget.presentIn(targetDir, files);
  }

  /**
   * Copies files into {@code targetDir}; see {@link #download(Collection, Path, DownloadListener)}.
   *
   * @throws CredinvestException as described there
   */
  default DownloadReport download(Collection<ListedFile> files, Path targetDir) {
    return download(files, targetDir, DownloadListener.NONE);
  }

  /** Releases connections; the source cannot be used afterwards. */
  @Override
  void close();
}
