package org.integratedsync.credinvest;

import java.util.Objects;

/**
 * A file the selection rules kept.
 *
 * <p>Instances are immutable.
 *
 * @param listed the file as listed
 * @param inteFile its parsed name
 */
public record SelectedFile(ListedFile listed, InteFile inteFile) {

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public SelectedFile {
    Objects.requireNonNull(listed, "listed");
    Objects.requireNonNull(inteFile, "inteFile");
  }

  /** Returns the file name. */
  public String name() {
    return listed.name();
  }
}
