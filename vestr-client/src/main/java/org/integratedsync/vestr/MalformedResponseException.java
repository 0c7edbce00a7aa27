package org.integratedsync.vestr;

/**
 * A response that is not valid JSON (for example truncated) or lacks the expected shape; a bad
 * record names its id and the field.
 */
public final class MalformedResponseException extends VestrException {
  private static final long serialVersionUID = 1L;

  private final String recordId;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param recordId the id of the record with the bad field, or null
   * @param field the JSON path of the missing or malformed field, or null
   */
  public MalformedResponseException(String message, String recordId, String field) {
    super(message);
    this.recordId = recordId;
    this.field = field;
  }

  /** Creates the exception for a response that could not be parsed. */
  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
    this.recordId = null;
    this.field = null;
  }

  /** Returns the id of the record with the bad field, or null. */
  public String recordId() {
    return recordId;
  }

  /** Returns the field that is missing or malformed, or null. */
  public String field() {
    return field;
  }
}
