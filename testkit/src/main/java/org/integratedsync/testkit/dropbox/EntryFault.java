package org.integratedsync.testkit.dropbox;

/** A per-entry failure inside {@code upload_session/finish_batch_v2}, in the shapes Dropbox uses. */
public enum EntryFault {
  /** {@code {".tag":"failure","failure":{".tag":"too_many_write_operations"}}}. */
  TOO_MANY_WRITE_OPERATIONS,
  /** {@code {".tag":"failure","failure":{".tag":"path","path":{".tag":"too_many_write_operations"}}}}. */
  PATH_TOO_MANY_WRITE_OPERATIONS,
  /** {@code {".tag":"failure","failure":{".tag":"path","path":{".tag":"insufficient_space"}}}}: not retryable. */
  INSUFFICIENT_SPACE
}
