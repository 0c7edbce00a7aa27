package org.integratedsync.dropbox;

import java.time.Instant;
import java.util.List;

/**
 * The folder a {@link FolderMirror} keeps in step with a selection of local files: a Dropbox folder
 * ({@link DropboxFolderTarget}) or a local one ({@link LocalFolderTarget}). Only files directly in
 * the folder are concerned; subfolders are never listed or touched.
 *
 * <p>Implementations must be safe for use by one mirror run at a time; they may use threads
 * internally, which {@link #close()} releases.
 */
public interface MirrorTarget extends AutoCloseable {

  /** Returns a short description of the folder for messages, such as {@code dropbox:/cred}. */
  String describe();

  /**
   * Lists the files directly in the folder, with their content hashes. Entries the target cannot
   * read or address are listed as {@link RemoteFile#unusable(String, String)} with the reason.
   *
   * @param createIfMissing whether this is a real run: the folder is created when missing and
   *     leftovers of an interrupted run may be cleaned up; when false, a missing folder lists as
   *     empty and nothing whatsoever is changed
   * @return every file in the folder
   * @throws FolderAccessException if the folder cannot be listed or created
   * @throws DropboxAuthenticationException if the credentials are refused
   * @throws TransferException if the call failed as a whole (retryable or not)
   */
  List<RemoteFile> list(boolean createIfMissing);

  /**
   * Uploads files into the folder, replacing files of the same name, and reports each file's
   * outcome. A file counts as done only once it is committed under its final name with the
   * reported content hash. Rate limits met inside the call are waited out (exactly the wait the
   * target asked for) only while that ends before {@code deadline}.
   *
   * @param files the files to upload, with distinct names
   * @param deadline when rate-limited calls stop being retried
   * @return one result per file, in any order
   * @throws DropboxAuthenticationException if the credentials are refused
   * @throws TransferException if the call failed as a whole
   */
  List<EntryResult> upload(List<LocalFile> files, Instant deadline);

  /**
   * Deletes files from the folder by name. A name that is already gone counts as deleted.
   *
   * @param names plain file names (see {@link LocalFile#checkName(String)})
   * @param deadline when rate-limited calls stop being retried and waiting for a deletion job ends
   * @return one result per name, in any order
   * @throws DropboxAuthenticationException if the credentials are refused
   * @throws TransferException if the call failed as a whole
   */
  List<EntryResult> delete(List<String> names, Instant deadline);

  /** Releases what the target holds (threads, connections); the default holds nothing. */
  @Override
  default void close() {}
}
