package org.integratedsync.cli.internal;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Objects;

/**
 * A pattern layout that masks every secret in the finished line, so messages, arguments, MDC
 * values and stack traces are all covered, whichever logger wrote the event.
 *
 * <p>Thread-safe once started, like {@link PatternLayout}.
 */
public final class MaskingLayout extends PatternLayout {
  private final SecretMasker masker;

  /** Creates a layout masking through {@code masker}. */
  public MaskingLayout(SecretMasker masker) {
    this.masker = Objects.requireNonNull(masker, "masker");
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return masker.mask(super.doLayout(event));
  }
}
