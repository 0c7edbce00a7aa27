/**
 * INTE client report files: name parsing, the selection rules, and the folders they are read from.
 *
 * <ul>
 *   <li>{@link org.integratedsync.credinvest.InteFileName#parse(String)} splits a name such as
 *       {@code 123456-20251215170501-INTE100F.xlsx} into an {@link org.integratedsync.credinvest.InteFile},
 *       or says why it is not one; it never throws for a bad name.
 *   <li>{@link org.integratedsync.credinvest.SelectionRules#select(java.util.Collection,
 *       java.time.LocalDateTime)} is a pure function from a listing to a {@link org.integratedsync.credinvest.Selection}: every file once,
 *       selected or skipped with a {@link org.integratedsync.credinvest.SkipReason} and a sentence.
 *   <li>{@link org.integratedsync.credinvest.FileSource} lists and downloads: {@link
 *       org.integratedsync.credinvest.SftpSource} (sshj, verified host keys, parallel atomic downloads)
 *       configured by {@link org.integratedsync.credinvest.SftpSettings}, or {@link
 *       org.integratedsync.credinvest.LocalFolderSource}.
 *   <li>Errors are unchecked {@link org.integratedsync.credinvest.CredinvestException}s; the subclasses
 *       carry the host, fingerprint, setting or file concerned and never a secret.
 * </ul>
 *
 * <p>Everything in the {@code internal} sub-package is implementation and may change.
 */
package org.integratedsync.credinvest;
