package org.integratedsync.vestr.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/** The client's JSON configuration. */
public final class Json {
  private Json() {}

  /**
   * Returns a new mapper that reads JSON numbers with a fraction as exact {@code BigDecimal}s and
   * keeps their scale ({@code 12.30} stays {@code 12.30}).
   */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  }
}
