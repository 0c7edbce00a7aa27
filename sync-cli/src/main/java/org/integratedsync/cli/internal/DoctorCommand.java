package org.integratedsync.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.integratedsync.cli.CliEnvironment;
import org.integratedsync.cli.ExitCode;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.dropbox.DropboxFolderTarget;
import org.integratedsync.feestore.MigrationStatus;
import org.integratedsync.vestr.VestrClient;
import org.integratedsync.vestr.VestrSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code doctor} subcommand: checks the configuration and reaches each service, printing one
 * line per check. Changes nothing and takes no lock; exits 1 if any check fails.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = CommandSupport.VersionProvider.class,
    description = {
      "Checks the configuration and reaches each service (SFTP, Dropbox, Vestr, database), one "
          + "line per check. Changes nothing. Exits 1 if a check fails."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private CommonOptions common;

  @Option(names = "--source-dir", paramLabel = "DIR", description = "Check this local folder instead of SFTP.")
  Path sourceDir;

  @Option(names = "--target-dir", paramLabel = "DIR", description = "Check this local folder instead of Dropbox.")
  Path targetDir;

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
    Settings settings;
    try {
      settings =
          Settings.load(options, environment.environment(), common.config(), environment.workingDirectory());
    } catch (ConfigurationException e) {
      line(false, "configuration", e.getMessage());
      return ExitCode.FAILED;
    }
    masker = new SecretMasker(settings.secretValues());
    try (LogSetup logging =
        LogSetup.configure(spec.commandLine().getErr(), common.verbose(), null, LogSetup.DEFAULT_MAX_FILE_SIZE, masker)) {
      RunOptions runOptions =
          new RunOptions(
              skipCredinvest, skipVestrFees, skipFeeSnapshots, false, null, sourceDir, targetDir,
              false, false, null, common.config(), null, false, false);
      check(
          "configuration",
          () -> {
            // the same checks a run makes before it touches anything
            try (TaskPlan plan = TaskPlan.create(settings, runOptions, environment, masker)) {
              return "complete"
                  + settings.propertiesFile().map(f -> "; read " + f).orElse("; no properties file");
            }
          });
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
              client.login();
              return "signed in to " + vestr.vestrUrl() + " as " + vestr.username()
                  + " (" + vestr.authMode().name().toLowerCase(Locale.ROOT) + " mode)";
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
              return database.describe() + " reachable, schema at version " + status.currentVersion().orElse("?");
            });
      }
    }
    out.flush();
    return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  private void checkSource(Settings settings) {
    check(
        settings.has(Settings.SOURCE_DIR) ? "source folder" : "sftp",
        () -> {
          SourceConfig config = SourceConfig.from(settings, "the credinvest task");
          try (FileSource source = config.open()) {
            List<ListedFile> files = source.list();
            return source.description() + " listed: " + files.size() + " file(s)";
          }
        });
    check(
        "download folder",
        () -> {
          Path dir = settings.path(Settings.DOWNLOAD_DIR).orElseThrow();
          Path existing = dir;
          while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
          }
          if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new CliException(dir + " cannot be created or written");
          }
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
            boolean exists = target.checkAccess();
            return "token refreshed; " + target.describe() + (exists ? " is accessible" : " does not exist yet (a run creates it)");
          }
        });
  }

  private void check(String name, Check check) {
    try {
      line(true, name, check.run());
    } catch (Exception e) {
      line(false, name, CommandSupport.oneLine(e));
    }
  }

  private void line(boolean ok, String name, String text) {
    if (!ok) {
      failures++;
    }
    out.println(masker.mask((ok ? "[ OK ] " : "[FAIL] ") + String.format("%-16s", name) + text));
    out.flush();
  }
}
