package org.integratedsync.feestore;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a database's fee store schema stands relative to the migrations in this library; immutable.
 *
 * @param currentVersion the version last applied, empty if none
 * @param latestVersion the newest version this library ships
 * @param pending how many shipped migrations are not applied yet
 */
public record MigrationStatus(Optional<String> currentVersion, String latestVersion, int pending) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if pending is negative
   */
  public MigrationStatus {
    Objects.requireNonNull(currentVersion, "currentVersion");
    Objects.requireNonNull(latestVersion, "latestVersion");
    if (pending < 0) {
      throw new IllegalArgumentException("pending must not be negative");
    }
  }

  /** Returns whether every shipped migration is applied. */
  public boolean upToDate() {
    return pending == 0;
  }
}
