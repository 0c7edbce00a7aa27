package org.integratedsync.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Configures logback for one command: console lines on the command's writer (INFO, or DEBUG with
 * {@code -v}) and optionally a DEBUG log file that rolls by size, both masking secrets.
 *
 * <p>Logback's context is global to the JVM, so only one command should configure it at a time;
 * {@link #close()} puts back the default configuration.
 */
public final class LogSetup implements AutoCloseable {
  /** System property overriding the size at which the log file rolls (logback syntax, e.g. 2KB). */
  public static final String MAX_FILE_SIZE_PROPERTY = "integratedsync.log.maxFileSize";

  /** Default size at which the log file rolls. */
  public static final String DEFAULT_MAX_FILE_SIZE = "10MB";

  /** Number of rolled files kept next to the current one. */
  public static final int BACKUPS = 5;

  static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level %msg%n%nopex";
  static final String FILE_PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n%ex";

  /** Third-party loggers and the level they are kept at. */
  static final Map<String, Level> THIRD_PARTY =
      Map.ofEntries(
          Map.entry("net.schmizz", Level.WARN),
          Map.entry("com.hierynomus", Level.WARN),
          Map.entry("org.apache.sshd", Level.WARN),
          Map.entry("com.dropbox", Level.WARN),
          Map.entry("org.jdbi", Level.WARN),
          Map.entry("org.flywaydb", Level.WARN),
          Map.entry("org.postgresql", Level.WARN),
          Map.entry("com.zaxxer", Level.WARN),
          Map.entry("org.jsoup", Level.WARN),
          Map.entry("okhttp3", Level.WARN),
          Map.entry("mockwebserver3", Level.WARN),
          Map.entry("org.apache.http", Level.WARN),
          Map.entry("jdk.internal.httpclient", Level.WARN),
          Map.entry("dev.failsafe", Level.INFO),
          Map.entry("org.bouncycastle", Level.WARN));

  private final LoggerContext context;

  private LogSetup(LoggerContext context) {
    this.context = context;
  }

  /** Returns the default log file for a day: {@code logs/integrated_sync_YYYYMMDD.log}. */
  public static Path defaultLogFile(Path workingDirectory, LocalDate day) {
    return workingDirectory
        .resolve("logs")
        .resolve("integrated_sync_" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + ".log");
  }

  /**
   * Configures logging.
   *
   * @param console the command's console writer
   * @param verbose whether the console shows DEBUG lines
   * @param logFile the log file, or null for console only
   * @param maxFileSize size at which the file rolls, in logback syntax
   * @param masker the secrets to mask
   * @throws CliException if the log folder cannot be created
   */
  public static LogSetup configure(
      PrintWriter console, boolean verbose, Path logFile, String maxFileSize, SecretMasker masker) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    MaskingLayout consoleLayout = new MaskingLayout(masker);
    consoleLayout.setContext(context);
    consoleLayout.setPattern(CONSOLE_PATTERN);
    consoleLayout.start();
    WriterAppender consoleAppender = new WriterAppender(console, consoleLayout);
    consoleAppender.setContext(context);
    consoleAppender.setName("console");
    ThresholdFilter threshold = new ThresholdFilter();
    threshold.setLevel(verbose ? "DEBUG" : "INFO");
    threshold.start();
    consoleAppender.addFilter(threshold);
    if (!verbose) {
      // Libraries such as sshj log their own ERROR lines for failures this command already reports
      // in one sentence; the console shows ours, the log file keeps everything.
      consoleAppender.addFilter(new OwnLoggersOnly());
    }
    consoleAppender.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(consoleAppender);
    context.getLogger("org.integratedsync").setLevel(Level.DEBUG);
    THIRD_PARTY.forEach((name, level) -> context.getLogger(name).setLevel(level));

    if (logFile != null) {
      root.addAppender(fileAppender(context, logFile, maxFileSize, masker));
    }
    return new LogSetup(context);
  }

  private static RollingFileAppender<ILoggingEvent> fileAppender(
      LoggerContext context, Path logFile, String maxFileSize, SecretMasker masker) {
    try {
      Path parent = logFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new ConfigurationException(
          Settings.LOG_FILE, "cannot create the log folder for " + logFile + ": " + reason(e), e);
    }
    MaskingLayout layout = new MaskingLayout(masker);
    layout.setContext(context);
    layout.setPattern(FILE_PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(logFile.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);

    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(logFile + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(BACKUPS);
    rolling.start();

    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf(maxFileSize));
    // check the size on every event: a daily run writes few lines, and the limit must hold
    trigger.setCheckIncrement(Duration.buildByMilliseconds(0));
    trigger.start();

    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    int statusesBefore = context.getStatusManager().getCount();
    appender.start();
    if (!appender.isStarted()) {
      // logback reports a file it cannot open only in its status list; a run without its log is
      // not one to start
      String why =
          context.getStatusManager().getCopyOfStatusList().stream()
              .skip(statusesBefore)
              .filter(status -> status.getLevel() == ch.qos.logback.core.status.Status.ERROR)
              .map(status -> status.getThrowable() != null ? reason(status.getThrowable()) : status.getMessage())
              .findFirst()
              .orElse("the file cannot be opened");
      throw new ConfigurationException(Settings.LOG_FILE, "cannot write the log file " + logFile + ": " + why);
    }
    return appender;
  }

  /** Returns the reason of a file-system error ("Permission denied", "Not a directory"). */
  private static String reason(Throwable e) {
    if (e instanceof java.nio.file.FileSystemException fse) {
      if (fse.getReason() != null) {
        return fse.getReason();
      }
      if (e instanceof java.nio.file.AccessDeniedException) {
        return "permission denied";
      }
      return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
    String message = e.getMessage();
    if (message != null && message.endsWith(")") && message.contains(" (")) {
      // FileNotFoundException: "PATH (Permission denied)"
      return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Stops the appenders (flushing the file) and restores the default configuration. */
  @Override
  public void close() {
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      // the default configuration is only a fallback; nothing to report to the user
    }
  }

  /** Passes only this application's own events (used on the console without {@code -v}). */
  static final class OwnLoggersOnly extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
      return event.getLoggerName().startsWith("org.integratedsync.") ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
  }
}
