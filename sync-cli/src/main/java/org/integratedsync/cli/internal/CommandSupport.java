package org.integratedsync.cli.internal;

import org.integratedsync.cli.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Exception handling and exit codes shared by the command and its subcommands: one line on the
 * error stream, the stack trace only in the log at DEBUG.
 */
public final class CommandSupport {
  private static final Logger LOG = LoggerFactory.getLogger(CommandSupport.class);

  private CommandSupport() {}

  /** Returns the exit code for an exception that ended a command. */
  public static int exitCodeOf(Throwable e) {
    if (e instanceof ConfigurationException) {
      return ExitCode.USAGE;
    }
    if (e instanceof AlreadyRunningException) {
      return ExitCode.ALREADY_RUNNING;
    }
    if (e instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    return ExitCode.FAILED;
  }

  /** Installs the exception handlers and exit code mapper on a command line; returns it. */
  public static CommandLine configure(CommandLine commandLine) {
    return configure(commandLine, (line, parseError, args) -> {});
  }

  /**
   * Installs the exception handlers and exit code mapper on a command line; returns it. A usage
   * error (unknown option, bad option value) is one line on the error stream, prefixed and ending
   * with where to find help, never the whole usage text; {@code onUsageError} also gets the line.
   */
  public static CommandLine configure(CommandLine commandLine, UsageErrorListener onUsageError) {
    commandLine.setExitCodeExceptionMapper(CommandSupport::exitCodeOf);
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          CommandLine cmd = exception.getCommandLine();
          String line = "integrated-sync: " + usageLine(exception);
          cmd.getErr().println(cmd.getColorScheme().errorText(line));
          cmd.getErr().flush();
          onUsageError.usageError(line, exception, args);
          return ExitCode.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          LOG.debug("{} ended with an exception", cmd.getCommandName(), exception);
          cmd.getErr().println(cmd.getColorScheme().errorText("integrated-sync: " + oneLine(exception)));
          cmd.getErr().flush();
          return exitCodeOf(exception);
        });
    return commandLine;
  }

  /** Told about each usage error after its line was printed. */
  @FunctionalInterface
  public interface UsageErrorListener {
    /**
     * Called with the printed line, the error and the command line's arguments.
     *
     * @param line the line printed on the error stream
     * @param error the usage error
     * @param args the arguments as given
     */
    void usageError(String line, CommandLine.ParameterException error, String[] args);
  }

  /** Returns the one line for a usage error: picocli's message, a suggestion, and where help is. */
  static String usageLine(CommandLine.ParameterException exception) {
    CommandLine cmd = exception.getCommandLine();
    String message = oneLine(exception);
    if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      message += " (did you mean " + unmatched.getSuggestions().get(0) + "?)";
    }
    return message + "; see " + cmd.getCommandSpec().qualifiedName() + " --help";
  }

  /** Returns a one-line description of an exception: its message, or its type if it has none. */
  public static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      // no "Type: message" form: the console shows sentences, not exception dumps
      message = e.getClass().getSimpleName();
      if (e.getCause() != null && e.getCause() != e) {
        message += " - " + oneLine(e.getCause());
      }
    }
    return ControlChars.escape(message.replaceAll("\\s*\\R\\s*", " ").strip());
  }

  /** Reads the version from the jar manifest's {@code Implementation-Version}. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CommandSupport.class.getPackage().getImplementationVersion();
      return new String[] {
        "integrated-sync " + (version == null ? "(development build)" : version),
        "Java " + System.getProperty("java.version")
      };
    }
  }
}
