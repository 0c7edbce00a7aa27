package org.integratedsync.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.integratedsync.cli.CliEnvironment;
import org.integratedsync.cli.ExitCode;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.MigrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code db} subcommand group; {@code db migrate} creates or updates the schema. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    versionProvider = CommandSupport.VersionProvider.class,
    description = "Database maintenance.",
    synopsisSubcommandLabel = "COMMAND")
public final class DbCommand implements Runnable {
  @Spec private CommandSpec spec;

  private DbCommand() {}

  /** Returns the {@code db} command line with its subcommands. */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine db = new CommandLine(new DbCommand());
    db.addSubcommand("migrate", new Migrate(environment));
    return db;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'db migrate'");
  }

  /** {@code db migrate}: applies the schema migrations; takes the run lock. */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      versionProvider = CommandSupport.VersionProvider.class,
      description = "Creates or updates the fee-store schema in DATABASE_URL (a normal run does this too).")
  static final class Migrate implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Migrate.class);

    @Spec private CommandSpec spec;
    @Mixin private CommonOptions common;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Log file (default: logs/integrated_sync_YYYYMMDD.log).")
    Path logFile;

    private final CliEnvironment environment;

    Migrate(CliEnvironment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Integer call() {
      Map<String, String> options = new java.util.HashMap<>();
      options.put(Settings.LOG_FILE, logFile == null ? null : logFile.toString());
      Settings settings =
          Settings.load(options, environment.environment(), common.config(), environment.workingDirectory());
      SecretMasker masker = new SecretMasker(settings.secretValues());
      Database database = Database.from(settings, "db migrate", environment.clock());
      Path file =
          settings
              .path(Settings.LOG_FILE)
              .orElseGet(
                  () ->
                      LogSetup.defaultLogFile(
                          environment.workingDirectory(), LocalDate.now(environment.clock())));
      PrintWriter out = spec.commandLine().getOut();
      try (RunLock lock =
              RunLock.acquire(RunLock.defaultFile(environment.workingDirectory()), environment.clock().instant());
          LogSetup logging =
              LogSetup.configure(
                  out,
                  common.verbose(),
                  file,
                  System.getProperty(LogSetup.MAX_FILE_SIZE_PROPERTY, LogSetup.DEFAULT_MAX_FILE_SIZE),
                  masker)) {
        try {
          FeeStore store = database.store();
          int applied = store.migrate();
          MigrationStatus status = store.migrationStatus();
          LOG.info(
              "[ OK ] database {}: {} migration(s) applied, schema at version {}",
              database.describe(),
              applied,
              status.currentVersion().orElse("none"));
          return ExitCode.OK;
        } catch (RuntimeException e) {
          LOG.error("[FAIL] database {}: {}", database.describe(), CommandSupport.oneLine(e));
          LOG.debug("db migrate failed", e);
          return ExitCode.FAILED;
        }
      }
    }
  }
}
