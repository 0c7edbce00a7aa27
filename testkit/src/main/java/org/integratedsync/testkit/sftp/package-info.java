/**
 * An in-process Apache MINA SSHD SFTP server for tests ({@link org.integratedsync.testkit.sftp.SftpTestServer})
 * and generated client key pairs ({@link org.integratedsync.testkit.sftp.TestKeyPair}).
 */
package org.integratedsync.testkit.sftp;
