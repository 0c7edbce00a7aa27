package org.integratedsync.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.integratedsync.cli.CliEnvironment;
import org.integratedsync.cli.ExitCode;
import org.integratedsync.credinvest.FileSource;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.credinvest.SelectedFile;
import org.integratedsync.credinvest.Selection;
import org.integratedsync.credinvest.SelectionRules;
import org.integratedsync.credinvest.SkipReason;
import org.integratedsync.credinvest.SkippedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code select} subcommand: applies the selection rules to the SFTP listing (or a local
 * folder) and prints each file's decision with its reason. Changes nothing and takes no lock.
 */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    versionProvider = CommandSupport.VersionProvider.class,
    description = {
      "Lists the Credinvest SFTP folder (or --source-dir), applies the selection rules and prints "
          + "each file's decision and reason. Changes nothing."
    })
public final class SelectCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  @Spec private CommandSpec spec;
  @Mixin private CommonOptions common;

  @Option(
      names = "--source-dir",
      paramLabel = "DIR",
      description = "Read this local folder instead of the SFTP folder.")
  Path sourceDir;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  private final CliEnvironment environment;

  /** Creates the command for an environment. */
  public SelectCommand(CliEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> options = new HashMap<>();
    options.put(Settings.SOURCE_DIR, sourceDir == null ? null : sourceDir.toString());
    Settings settings =
        Settings.load(options, environment.environment(), common.config(), environment.workingDirectory());
    SecretMasker masker = new SecretMasker(settings.secretValues());
    SourceConfig config = SourceConfig.from(settings, "select");
    PrintWriter out = spec.commandLine().getOut();
    try (LogSetup logging =
        LogSetup.configure(
            spec.commandLine().getErr(), common.verbose(), null, LogSetup.DEFAULT_MAX_FILE_SIZE, masker)) {
      try (FileSource source = config.open()) {
        List<ListedFile> listing = source.list();
        Selection selection = SelectionRules.defaults().select(listing, LocalDateTime.now(environment.clock()));
        out.print(masker.mask(json ? toJson(selection) + "\n" : toText(selection, source.description())));
        out.flush();
      }
    }
    return ExitCode.OK;
  }

  /** Returns the JSON form: {@code {"selected":[...],"skipped":[...]}}. */
  static String toJson(Selection selection) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode selected = root.putArray("selected");
    for (SelectedFile file : selection.selected()) {
      ObjectNode node = selected.addObject();
      node.put("name", file.listed().name());
      node.put("account", file.inteFile().account());
      node.put("type", file.inteFile().type().name());
      node.put("timestamp", timestamp(file.inteFile().timestamp()));
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedFile file : selection.skipped()) {
      ObjectNode node = skipped.addObject();
      node.put("name", file.name());
      node.put("reason", file.reason().name());
      node.put("detail", file.detail());
    }
    return mapper.writeValueAsString(root);
  }

  /** Returns a timestamp always with seconds, as {@code 2025-12-15T17:05:00}. */
  static String timestamp(LocalDateTime time) {
    return TIMESTAMP.format(time);
  }

  /**
   * Returns the text form: fixed-width columns first and the name after them, so long names do not
   * push every line out; names and details are shown with control characters escaped.
   */
  static String toText(Selection selection, String source) {
    StringBuilder text = new StringBuilder();
    text.append("Source: ").append(ControlChars.escape(source)).append('\n');
    text.append("Selected (").append(selection.selected().size()).append("):\n");
    for (SelectedFile file : selection.selected()) {
      text.append("  ")
          .append(file.inteFile().type().name())
          .append("  ")
          .append(READABLE.format(file.inteFile().timestamp()))
          .append("  ")
          .append(ControlChars.escape(file.listed().name()))
          .append('\n');
    }
    text.append("Skipped (").append(selection.skipped().size()).append("):\n");
    int reasonWidth = java.util.Arrays.stream(SkipReason.values()).mapToInt(r -> r.name().length()).max().orElse(0);
    for (SkippedFile file : selection.skipped()) {
      text.append("  ")
          .append(pad(file.reason().name(), reasonWidth))
          .append("  ")
          .append(ControlChars.escape(file.name()))
          .append(": ")
          .append(ControlChars.escape(file.detail()))
          .append('\n');
    }
    return text.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
