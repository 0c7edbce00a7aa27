package org.integratedsync.credinvest;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A recognised INTE report file name, split into its parts.
 *
 * <p>Instances are immutable. Create them with {@link InteFileName#parse(String)}.
 *
 * @param name the file name exactly as listed, e.g. {@code 123456-20251215170501-INTE100F.xlsx}
 * @param account the account part, exactly as written (accounts are compared case-sensitively)
 * @param type the report type; {@code INTE}, the type and the extension match without regard to case
 * @param timestamp the time stamp in the name, a local date-time (midnight for a date-only stamp)
 */
public record InteFile(String name, String account, InteType type, LocalDateTime timestamp) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if any part is null
   */
  public InteFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** Returns a short label such as {@code 123456 100F}, used in messages. */
  public String label() {
    return account + " " + type.shortName();
  }
}
