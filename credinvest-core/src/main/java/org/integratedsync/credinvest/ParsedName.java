package org.integratedsync.credinvest;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of parsing a file name: either {@link Recognised} with the parsed {@link InteFile}, or
 * {@link Unrecognised} with the reason in words.
 *
 * <p>Instances are immutable.
 */
public sealed interface ParsedName permits ParsedName.Recognised, ParsedName.Unrecognised {

  /** Returns the file name that was parsed. */
  String name();

  /** Returns the parsed file, or empty if the name was not recognised. */
  Optional<InteFile> file();

  /**
   * A name that follows the INTE pattern.
   *
   * @param inteFile the parsed file
   */
  record Recognised(InteFile inteFile) implements ParsedName {
    /** Checks the file is present. */
    public Recognised {
      Objects.requireNonNull(inteFile, "inteFile");
    }

    @Override
    public String name() {
      return inteFile.name();
    }

    @Override
    public Optional<InteFile> file() {
      return Optional.of(inteFile);
    }
  }

  /**
   * A name that does not follow the INTE pattern; such a file is never downloaded.
   *
   * @param name the file name
   * @param reason why it is not recognised, e.g. {@code timestamp 20251301 is not a date}
   */
  record Unrecognised(String name, String reason) implements ParsedName {
    /** Checks both parts are present. */
    public Unrecognised {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Optional<InteFile> file() {
      return Optional.empty();
    }
  }
}
