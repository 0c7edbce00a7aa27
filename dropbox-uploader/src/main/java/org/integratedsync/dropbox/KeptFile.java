package org.integratedsync.dropbox;

import java.util.Objects;

/**
 * A target file that is no longer in the selection but was kept as the last copy of its
 * replacement key, because the file that should have replaced it did not land this run. Immutable.
 *
 * @param name the kept file's name in the target
 * @param key its replacement key (see {@link MirrorSettings#replacementKey()})
 * @param reason why its replacement did not land, such as {@code download failed: …}
 */
public record KeptFile(String name, String key, String reason) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if a part is null
   */
  public KeptFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
  }
}
