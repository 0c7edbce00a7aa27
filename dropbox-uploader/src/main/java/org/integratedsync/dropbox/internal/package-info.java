/** Implementation of the Dropbox folder mirror; not part of the API. */
package org.integratedsync.dropbox.internal;
