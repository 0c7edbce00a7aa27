package org.integratedsync.cli.internal;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Objects;

/**
 * A pattern layout that masks every secret in the finished line, so messages, arguments, MDC
 * values and stack traces are all covered, whichever logger wrote the event. Control characters in
 * a message or an exception message (a file name holding a newline or a terminal escape) are shown
 * escaped ({@link ControlChars}), so no message can forge a log line or drive the terminal.
 *
 * <p>Thread-safe once started, like {@link PatternLayout}.
 */
public final class MaskingLayout extends PatternLayout {
  private final SecretMasker masker;

  /** Creates a layout masking through {@code masker}. */
  public MaskingLayout(SecretMasker masker) {
    this.masker = Objects.requireNonNull(masker, "masker");
    for (String word : new String[] {"m", "msg", "message"}) {
      getInstanceConverterMap().put(word, () -> new EscapingMessageConverter(this.masker));
    }
    for (String word : new String[] {"ex", "exception", "throwable"}) {
      getInstanceConverterMap().put(word, EscapingThrowableConverter::new);
    }
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return masker.mask(super.doLayout(event));
  }

  /** {@code %msg} with secrets masked first (a multi-line secret is matched whole), then escaped. */
  private static final class EscapingMessageConverter extends MessageConverter {
    private final SecretMasker masker;

    EscapingMessageConverter(SecretMasker masker) {
      this.masker = masker;
    }

    @Override
    public String convert(ILoggingEvent event) {
      return ControlChars.escape(masker.mask(event.getFormattedMessage()));
    }
  }

  /** {@code %ex}: the stack trace keeps its lines, but each exception's message is escaped. */
  private static final class EscapingThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
      return super.throwableProxyToString(new EscapedProxy(proxy));
    }
  }

  /** A view of a throwable whose messages have their control characters escaped. */
  private record EscapedProxy(IThrowableProxy proxy) implements IThrowableProxy {
    static IThrowableProxy of(IThrowableProxy proxy) {
      return proxy == null ? null : new EscapedProxy(proxy);
    }

    @Override
    public String getOverridingMessage() {
      return ControlChars.escape(proxy.getOverridingMessage());
    }

    @Override
    public String getMessage() {
      return ControlChars.escape(proxy.getMessage());
    }

    @Override
    public String getClassName() {
      return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return of(proxy.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = proxy.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        escaped[i] = of(suppressed[i]);
      }
      return escaped;
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }
}
