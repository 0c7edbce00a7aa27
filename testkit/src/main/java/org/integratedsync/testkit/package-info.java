/** Test-only helpers: throwaway PostgreSQL, an SFTP server and HTTP fakes. */
package org.integratedsync.testkit;
