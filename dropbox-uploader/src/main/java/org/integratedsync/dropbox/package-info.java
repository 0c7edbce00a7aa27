/** Mirrors a selection of local files into a Dropbox folder or a local folder. */
package org.integratedsync.dropbox;
