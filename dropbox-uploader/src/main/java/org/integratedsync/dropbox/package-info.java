/**
 * Mirrors a selection of local files into a Dropbox folder or a local folder.
 *
 * <p>Entry points: {@link org.integratedsync.dropbox.FolderMirror} (plan and run a mirror) over a
 * {@link org.integratedsync.dropbox.MirrorTarget}, either a {@link
 * org.integratedsync.dropbox.DropboxFolderTarget} built from {@link
 * org.integratedsync.dropbox.DropboxCredentials} or a {@link
 * org.integratedsync.dropbox.LocalFolderTarget}. Every exception is a {@link
 * org.integratedsync.dropbox.MirrorException}; those specific to Dropbox are {@link
 * org.integratedsync.dropbox.DropboxSyncException}s.
 */
package org.integratedsync.dropbox;
