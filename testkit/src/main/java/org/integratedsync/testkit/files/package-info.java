/** Files for tests: small but complete report files, as the custodian sends them. */
package org.integratedsync.testkit.files;
