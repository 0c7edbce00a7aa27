package org.integratedsync.feestore;

/**
 * Thrown by {@link FeeStore#migrate()} when a database that was never migrated already holds one of the
 * store's tables in a shape the store cannot use (another type for a column, a missing column, no or
 * another primary key). Nothing is changed; the message names the table and column in one line.
 */
public final class IncompatibleTableException extends FeeStoreException {

  private final String table;
  private final String column;

  /**
   * Creates the exception.
   *
   * @param table the table that differs
   * @param column the column that differs (for a primary key, its columns)
   * @param message the one-line explanation
   */
  public IncompatibleTableException(String table, String column, String message) {
    super(message);
    this.table = table;
    this.column = column;
  }

  /** Returns the table that differs. */
  public String table() {
    return table;
  }

  /** Returns the column that differs (for a primary key, its columns). */
  public String column() {
    return column;
  }
}
