package org.integratedsync.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.integratedsync.cli.CliEnvironment;
import org.integratedsync.cli.ExitCode;
import org.integratedsync.cli.internal.report.ReportData;
import org.integratedsync.cli.internal.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code report} subcommand: writes the fee report, one self-contained HTML page, from the fee store
 * in {@code DATABASE_URL}. Read-only: one read-only transaction, no run lock, no migration.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = CommandSupport.VersionProvider.class,
    description = {
      "Writes the fee report: one HTML file (charts included, opens offline) with the fees per month and "
          + "type, the top products, the latest fee per product and the last fee syncs, per currency. "
          + "Reads DATABASE_URL in one read-only transaction; changes nothing.",
      "Exit 2: usage or configuration error; 1: the database or the file failed; 0: written."
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private CommonOptions common;

  @Option(names = "--from", paramLabel = "YYYY-MM", converter = MonthConverter.class,
      description = "First month of the period (default: 13 full months before the current one).")
  YearMonth from;

  @Option(names = "--to", paramLabel = "YYYY-MM", converter = MonthConverter.class,
      description = "Last month of the period (default: the current month).")
  YearMonth to;

  @Option(names = "--output", paramLabel = "FILE",
      description = "File to write (default: reports/fee-report-YYYYMMDD.html).")
  Path output;

  private final CliEnvironment environment;

  /** Creates the command for an environment. */
  public ReportCommand(CliEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Reads {@code YYYY-MM}, saying so in words when it is not a month. */
  static final class MonthConverter implements CommandLine.ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
      try {
        return YearMonth.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a month as YYYY-MM");
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    ZonedDateTime now = ZonedDateTime.now(environment.clock());
    LocalDate today = now.toLocalDate();
    YearMonth last = to != null ? to : YearMonth.from(today);
    YearMonth first = from != null ? from : last.minusMonths(ReportWriter.DEFAULT_FULL_MONTHS);
    if (first.isAfter(last)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "the period starts after it ends: --from " + first + " is after " + (to != null ? "--to " : "") + last);
    }
    Settings settings = Settings.load(Map.of(), environment.environment(), common.config(),
        environment.workingDirectory());
    Database database = Database.from(settings, "the report", environment.clock());
    Path file = environment.workingDirectory().resolve(
        output != null ? output : Path.of("reports", ReportWriter.defaultFileName(today)));
    ReportData data = ReportWriter.write(database.store(), first, last, now, file);
    spec.commandLine().getOut().printf("Fee report for %s to %s written to %s (%d product(s) in the snapshot)%n",
        first, last, file, data.snapshot().size());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
