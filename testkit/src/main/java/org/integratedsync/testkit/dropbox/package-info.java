/**
 * A fake of the Dropbox HTTP API for tests and benchmarks: {@link
 * org.integratedsync.testkit.dropbox.FakeDropbox}, a stateful in-memory Dropbox on MockWebServer
 * with fault injection and a request log.
 */
package org.integratedsync.testkit.dropbox;
