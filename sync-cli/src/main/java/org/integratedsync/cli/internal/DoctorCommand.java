package org.integratedsync.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.integratedsync.cli.CliEnvironment;
import org.integratedsync.cli.ExitCode;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.InteFileName;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.dropbox.DropboxFolderTarget;
import org.integratedsync.dropbox.RemoteFile;
import org.integratedsync.feestore.MigrationStatus;
import org.integratedsync.vestr.VestrClient;
import org.integratedsync.vestr.VestrSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code doctor} subcommand: checks the configuration exactly as a run would, then proves each
 * service with a harmless read — SFTP signs in and lists the folder, Dropbox lists the folder,
 * Vestr signs in and runs the fee query for one day with {@code first: 1}, the database connects
 * and reports the schema version — one line per check. Changes nothing and takes no lock.
 *
 * <p>Exit code 2 when the configuration is wrong, 1 when a service cannot be reached or refuses,
 * 0 when every check passes.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = CommandSupport.VersionProvider.class,
    description = {
      "Checks the configuration and proves each service with a harmless read (SFTP and Dropbox list "
          + "the folder, Vestr runs the fee query for one day, the database reports its schema "
          + "version), one line per check. Changes nothing.",
      "Exit 2: configuration error; 1: a service cannot be reached or refuses; 0: all checks pass."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private CommonOptions common;

  @Option(names = "--source-dir", paramLabel = "DIR", description = "Check this local folder instead of SFTP.")
  Path sourceDir;

  @Option(names = "--target-dir", paramLabel = "DIR", description = "Check this local folder instead of Dropbox.")
  Path targetDir;

  @Option(names = "--download-dir", paramLabel = "DIR", description = "Check this download folder (default: download).")
  Path downloadDir;

  @Option(names = "--log-file", paramLabel = "FILE", description = "Check this log file (default: logs/integrated_sync_YYYYMMDD.log).")
  Path logFile;

  @Option(names = "--skip-credinvest", description = "Do not check SFTP and Dropbox.")
  boolean skipCredinvest;

  @Option(names = "--skip-vestr-fees", description = "Do not check Vestr.")
  boolean skipVestrFees;

  @Option(names = "--skip-fee-snapshots", description = "Do not check the database for the snapshot.")
  boolean skipFeeSnapshots;

  private final CliEnvironment environment;
  private PrintWriter out;
  private SecretMasker masker = new SecretMasker();
  private int failures;
  private int configurationFailures;

  /** Creates the command for an environment. */
  public DoctorCommand(CliEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** One check: returns a short success text or throws with the reason. */
  private interface Check {
    String run() throws Exception;
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    Map<String, String> options = new HashMap<>();
    options.put(Settings.SOURCE_DIR, sourceDir == null ? null : sourceDir.toString());
    options.put(Settings.TARGET_DIR, targetDir == null ? null : targetDir.toString());
    options.put(Settings.DOWNLOAD_DIR, downloadDir == null ? null : downloadDir.toString());
    options.put(Settings.LOG_FILE, logFile == null ? null : logFile.toString());
    Settings settings;
    try {
      settings =
          Settings.load(options, environment.environment(), common.config(), environment.workingDirectory());
    } catch (ConfigurationException e) {
      line(Status.CONFIGURATION, "configuration", e.getMessage());
      return ExitCode.USAGE;
    }
    masker = new SecretMasker(settings.secretValues());
    for (String warning : settings.warnings()) {
      out.println(masker.mask("[WARN] " + String.format("%-16s", "settings") + warning));
    }
    try (LogSetup logging =
        LogSetup.configure(spec.commandLine().getErr(), common.verbose(), null, LogSetup.DEFAULT_MAX_FILE_SIZE, masker)) {
      RunOptions runOptions =
          new RunOptions(
              skipCredinvest, skipVestrFees, skipFeeSnapshots, false, downloadDir, sourceDir, targetDir,
              false, false, null, common.config(), logFile, false, false);
      check(
          "configuration",
          () -> {
            // the same checks a run makes before it touches anything
            RunFiles files = RunFiles.check(settings, runOptions, environment.workingDirectory(), environment.clock());
            try (TaskPlan plan = TaskPlan.create(settings, runOptions, environment, masker)) {
              return "complete"
                  + settings.propertiesFile().map(f -> "; read " + f).orElse("; no properties file")
                  + "; log " + files.logFile();
            }
          });
      if (configurationFailures > 0) {
        // the services cannot be checked with a configuration a run would refuse
        out.flush();
        return ExitCode.USAGE;
      }
      if (!skipCredinvest) {
        checkSource(settings);
        checkTarget(settings);
      }
      if (!skipVestrFees) {
        check(
            "vestr",
            () -> {
              VestrSettings vestr = VestrFeesTask.vestrSettings(settings, "the vestr-fees task");
              VestrClient client = VestrClient.create(vestr, environment.clock());
              LocalDate yesterday = LocalDate.now(environment.clock()).minusDays(1);
              int records = client.probe(yesterday);
              return "signed in to " + vestr.vestrUrl() + " as " + vestr.username()
                  + " (" + vestr.authMode().name().toLowerCase(Locale.ROOT) + " mode); fee query on "
                  + vestr.graphqlUrl() + " answered for " + yesterday + " (first: 1 gave " + records + " record"
                  + (records == 1 ? "" : "s") + ")";
            });
      }
      if (!skipVestrFees || !skipFeeSnapshots) {
        check(
            "database",
            () -> {
              Database database = Database.from(settings, "the fee tasks", environment.clock());
              MigrationStatus status = database.store().migrationStatus();
              if (!status.upToDate()) {
                throw new CliException(
                    database.describe() + " is reachable but " + status.pending()
                        + " migration(s) are pending: run 'db migrate' (a normal run migrates too)");
              }
              return database.describe() + " connected, schema at version " + status.currentVersion().orElse("?")
                  + " (up to date)";
            });
      }
    }
    out.flush();
    if (configurationFailures > 0) {
      return ExitCode.USAGE;
    }
    return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  private void checkSource(Settings settings) {
    check(
        settings.has(Settings.SOURCE_DIR) ? "source folder" : "sftp",
        () -> {
          SourceConfig config = SourceConfig.from(settings, "the credinvest task");
          try (FileSource source = config.open()) {
            List<ListedFile> files = source.list();
            long reports = files.stream().filter(f -> InteFileName.tryParse(f.name()).isPresent()).count();
            return source.description() + (config.sftp() != null ? " signed in and" : "") + " listed: "
                + files.size() + " entr" + (files.size() == 1 ? "y" : "ies") + ", " + reports + " INTE report file(s)";
          }
        });
    check(
        "download folder",
        () -> {
          Path dir = settings.path(Settings.DOWNLOAD_DIR).orElseThrow();
          return dir + (Files.isDirectory(dir) ? " is writable" : " can be created");
        });
  }

  private void checkTarget(Settings settings) {
    check(
        settings.has(Settings.TARGET_DIR) ? "target folder" : "dropbox",
        () -> {
          MirrorConfig config = MirrorConfig.from(settings, "the credinvest task", masker);
          if (config.isLocal()) {
            Path dir = config.targetDir();
            return dir + (Files.isDirectory(dir) ? " exists" : " does not exist yet (a run creates it)");
          }
          try (DropboxFolderTarget target = config.dropbox()) {
            if (!target.checkAccess()) {
              return "token refreshed; " + target.describe() + " does not exist yet (a run creates it)";
            }
            List<RemoteFile> files = target.list(false);
            long reports = files.stream().filter(f -> InteFileName.tryParse(f.name()).isPresent()).count();
            return "token refreshed; " + target.describe() + " listed: " + files.size() + " file(s), "
                + reports + " INTE report file(s)";
          }
        });
  }

  private enum Status {
    OK,
    FAILED,
    CONFIGURATION
  }

  private void check(String name, Check check) {
    try {
      line(Status.OK, name, check.run());
    } catch (ConfigurationException e) {
      line(Status.CONFIGURATION, name, CommandSupport.oneLine(e));
    } catch (Exception e) {
      line(Status.FAILED, name, CommandSupport.oneLine(e));
    }
  }

  private void line(Status status, String name, String text) {
    if (status == Status.FAILED) {
      failures++;
    } else if (status == Status.CONFIGURATION) {
      configurationFailures++;
    }
    out.println(masker.mask((status == Status.OK ? "[ OK ] " : "[FAIL] ") + String.format("%-16s", name) + text));
    out.flush();
  }
}
