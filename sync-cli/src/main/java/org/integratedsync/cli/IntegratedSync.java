package org.integratedsync.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.integratedsync.cli.internal.CommandSupport;
import org.integratedsync.cli.internal.DbCommand;
import org.integratedsync.cli.internal.DoctorCommand;
import org.integratedsync.cli.internal.ReportCommand;
import org.integratedsync.cli.internal.RunOptions;
import org.integratedsync.cli.internal.SecretMasker;
import org.integratedsync.cli.internal.SelectCommand;
import org.integratedsync.cli.internal.SyncRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code integrated-sync} command: with no subcommand it runs the daily job (Credinvest
 * files, Vestr fees, fee snapshot); {@code select}, {@code doctor}, {@code db migrate} and {@code report}
 * are its subcommands.
 *
 * <p>Build instances with {@link #createCommandLine(CliEnvironment)}. An instance serves one
 * execution and is not thread-safe.
 */
@Command(
    name = "integrated-sync",
    mixinStandardHelpOptions = true,
    versionProvider = CommandSupport.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs the daily job: (1) Credinvest files from SFTP into Dropbox, (2) Vestr fees into "
          + "PostgreSQL, (3) the latest-fee snapshot. Each task can be skipped.",
      "Settings come from options, then environment variables, then the properties file "
          + "(--config, default ./integrated-sync.properties), then defaults; see docs/."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:all tasks that ran succeeded",
      "1:a task failed or files failed to upload",
      "2:usage or configuration error (nothing was changed)",
      "3:another run is in progress"
    })
public final class IntegratedSync implements Callable<Integer> {

  /** The longest fee window {@code --fee-days} accepts: 100 years. */
  static final int MAX_FEE_DAYS = 36_500;

  @Spec private CommandSpec spec;

  private final CliEnvironment environment;

  @Option(names = "--skip-credinvest", description = "Skip task 1 (Credinvest files).")
  boolean skipCredinvest;

  @Option(names = "--skip-vestr-fees", description = "Skip task 2 (Vestr fees).")
  boolean skipVestrFees;

  @Option(names = "--skip-fee-snapshots", description = "Skip task 3 (fee snapshot).")
  boolean skipFeeSnapshots;

  @Option(
      names = "--delete-after-upload",
      description = "Delete each downloaded file once its upload is verified.")
  boolean deleteAfterUpload;

  @Option(
      names = "--download-dir",
      paramLabel = "DIR",
      description = "Folder the selected files are downloaded into (default: download).")
  Path downloadDir;

  @Option(
      names = "--source-dir",
      paramLabel = "DIR",
      description = "Take the Credinvest files from this local folder instead of SFTP.")
  Path sourceDir;

  @Option(
      names = "--target-dir",
      paramLabel = "DIR",
      description = "Mirror the selected files into this local folder instead of Dropbox.")
  Path targetDir;

  @Option(
      names = "--dry-run",
      description = "Decide and report what would be done; change nothing anywhere.")
  boolean dryRun;

  @Option(
      names = "--full",
      description = "Fetch all Vestr fees since VESTR_FULL_SYNC_FROM, month by month.")
  boolean full;

  @Option(
      names = "--fee-days",
      paramLabel = "N",
      converter = WholeNumber.class,
      description = "Fetch Vestr fees booked from today - N days to today (default: 30).")
  Integer feeDays;

  @Option(
      names = "--allow-empty-window",
      description =
          "Apply a fee window for which Vestr returned nothing although the database holds fees "
              + "there (deletes them); refused by default as suspect.")
  boolean allowEmptyWindow;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with KEY=value settings (default: ./integrated-sync.properties).")
  Path config;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description = "Log file (default: logs/integrated_sync_YYYYMMDD.log).")
  Path logFile;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show DEBUG lines on the console.")
  boolean verbose;

  /** Reads a whole number, saying so in words when it is not one. */
  static final class WholeNumber implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.valueOf(value.strip());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
    }
  }

  private IntegratedSync(CliEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Runs the command with the process's environment and exits with its exit code. */
  public static void main(String[] args) {
    // libraries that log through java.util.logging (the PostgreSQL driver) go through the same
    // logging as everything else instead of printing raw WARNING lines on standard error
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    System.exit(createCommandLine(CliEnvironment.system()).execute(args));
  }

  /**
   * Returns the command line with its subcommands, exception handling and exit codes set up.
   *
   * @param environment environment variables, working directory, clock and console kind
   * @throws NullPointerException if {@code environment} is null
   */
  public static CommandLine createCommandLine(CliEnvironment environment) {
    CommandLine commandLine = new CommandLine(new IntegratedSync(environment));
    commandLine.addSubcommand("select", new SelectCommand(environment));
    commandLine.addSubcommand("doctor", new DoctorCommand(environment));
    commandLine.addSubcommand("db", DbCommand.commandLine(environment));
    commandLine.addSubcommand("report", new ReportCommand(environment));
    return CommandSupport.configure(
        commandLine,
        (line, error, args) -> {
          // a wrong scheduled command line leaves its reason in last-run.json too (a dry run's in
          // last-dry-run.json, so a manual mistake never hides the scheduled run's result)
          if (error.getCommandLine() == commandLine) {
            boolean dryRun = java.util.Arrays.asList(args).contains("--dry-run");
            SyncRun.recordError(
                environment,
                null,
                dryRun,
                environment.clock().instant(),
                line.substring(line.indexOf(": ") + 2),
                new SecretMasker());
          }
        });
  }

  @Override
  public Integer call() {
    if (feeDays != null && (feeDays < 0 || feeDays > MAX_FEE_DAYS)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--fee-days must be from 0 to " + MAX_FEE_DAYS + ", not " + feeDays);
    }
    if (full && feeDays != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--full and --fee-days cannot be used together");
    }
    RunOptions options =
        new RunOptions(
            skipCredinvest,
            skipVestrFees,
            skipFeeSnapshots,
            deleteAfterUpload,
            downloadDir,
            sourceDir,
            targetDir,
            dryRun,
            full,
            feeDays,
            config,
            logFile,
            verbose,
            allowEmptyWindow);
    return new SyncRun(environment, options, spec.commandLine().getOut(), spec.commandLine().getErr())
        .execute();
  }
}
