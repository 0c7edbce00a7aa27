package org.integratedsync.feestore;

/**
 * Thrown when the database schema is missing or older than this library expects: run
 * {@link FeeStore#migrate()} (the CLI's {@code db migrate}) first.
 */
public final class SchemaNotMigratedException extends FeeStoreException {

  private final MigrationStatus status;

  /**
   * Creates the exception.
   *
   * @param status what was found
   */
  public SchemaNotMigratedException(MigrationStatus status) {
    super("The fee store schema is not up to date (at version " + status.currentVersion().orElse("none")
        + ", " + status.pending() + " migration(s) pending); run the migration (db migrate) first");
    this.status = status;
  }

  /** Returns the migration state found. */
  public MigrationStatus status() {
    return status;
  }
}
