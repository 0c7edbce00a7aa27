package org.integratedsync.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The resolved configuration: named settings looked up, in this order, in command-line options,
 * environment variables, the properties file and finally the built-in defaults.
 *
 * <p>A secret may also be given as {@code NAME_FILE}, the path of a file holding it; within one
 * layer, giving both {@code NAME} and {@code NAME_FILE} is an error. Values are trimmed; an empty
 * value counts as unset. Instances are immutable and thread-safe.
 */
public final class Settings {

  /** Where a value came from, reported by {@code doctor}. */
  public enum Source {
    OPTION("command line"),
    ENVIRONMENT("environment"),
    FILE("properties file"),
    DEFAULT("default");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** Returns a short human label. */
    public String label() {
      return label;
    }
  }

  /** One resolved value with its origin. */
  public record Value(String name, String value, Source source, String origin) {}

  // names from the original tool and design.md's table
  public static final String SFTP_HOST = "CREDINVEST_SFTP_HOST";
  public static final String SFTP_PORT = "CREDINVEST_SFTP_PORT";
  public static final String SFTP_USERNAME = "CREDINVEST_SFTP_USERNAME";
  public static final String SFTP_PASSWORD = "CREDINVEST_SFTP_PASSWORD";
  public static final String SFTP_PRIVATE_KEY = "CREDINVEST_SFTP_PRIVATE_KEY";
  public static final String SFTP_PRIVATE_KEY_PASSPHRASE = "CREDINVEST_SFTP_PRIVATE_KEY_PASSPHRASE";
  public static final String SFTP_HOST_KEY = "CREDINVEST_SFTP_HOST_KEY";
  public static final String SFTP_KNOWN_HOSTS = "CREDINVEST_SFTP_KNOWN_HOSTS";
  public static final String SFTP_DIR = "CREDINVEST_SFTP_DIR";
  public static final String DROPBOX_APP_KEY = "DROPBOX_APP_KEY";
  public static final String DROPBOX_APP_SECRET = "DROPBOX_APP_SECRET";
  public static final String DROPBOX_REFRESH_TOKEN = "DROPBOX_REFRESH_TOKEN";
  public static final String DROPBOX_CREDENTIALS_FILE = "DROPBOX_CREDENTIALS_FILE";
  public static final String DROPBOX_FOLDER = "DROPBOX_FOLDER";
  public static final String DROPBOX_BASE_URL = "DROPBOX_BASE_URL";
  public static final String DROPBOX_UPLOAD_DEADLINE = "DROPBOX_UPLOAD_DEADLINE";
  public static final String VESTR_URL = "VESTR_URL";
  public static final String VESTR_USERNAME = "VESTR_USERNAME";
  public static final String VESTR_PASSWORD = "VESTR_PASSWORD";
  public static final String VESTR_OTP_SECRET = "VESTR_OTP_SECRET";
  public static final String VESTR_AUTH_MODE = "VESTR_AUTH_MODE";
  public static final String VESTR_OTP_ALGORITHM = "VESTR_OTP_ALGORITHM";
  public static final String VESTR_OTP_DIGITS = "VESTR_OTP_DIGITS";
  public static final String VESTR_OTP_PERIOD = "VESTR_OTP_PERIOD";
  public static final String VESTR_OIDC_ISSUER = "VESTR_OIDC_ISSUER";
  public static final String VESTR_OIDC_CLIENT_ID = "VESTR_OIDC_CLIENT_ID";
  public static final String VESTR_OIDC_REDIRECT_URI = "VESTR_OIDC_REDIRECT_URI";
  public static final String VESTR_OIDC_CLIENT_SECRET = "VESTR_OIDC_CLIENT_SECRET";
  public static final String VESTR_OIDC_SCOPE = "VESTR_OIDC_SCOPE";
  public static final String VESTR_GRAPHQL_URL = "VESTR_GRAPHQL_URL";
  public static final String VESTR_QUERY_FILE = "VESTR_QUERY_FILE";
  public static final String VESTR_FULL_SYNC_FROM = "VESTR_FULL_SYNC_FROM";
  public static final String DATABASE_URL = "DATABASE_URL";
  /** Folder the scheduled run writes the fee report into after task 3; unset: no report. */
  public static final String REPORT_DIR = "REPORT_DIR";
  // command-line options that can also come from the environment or the properties file
  public static final String DOWNLOAD_DIR = "INTEGRATED_SYNC_DOWNLOAD_DIR";
  public static final String SOURCE_DIR = "INTEGRATED_SYNC_SOURCE_DIR";
  public static final String TARGET_DIR = "INTEGRATED_SYNC_TARGET_DIR";
  public static final String FEE_DAYS = "INTEGRATED_SYNC_FEE_DAYS";
  public static final String LOG_FILE = "INTEGRATED_SYNC_LOG_FILE";

  /** The command-line option of each setting that is also an option. */
  static final Map<String, String> OPTION_NAMES =
      Map.of(
          DOWNLOAD_DIR, "--download-dir",
          SOURCE_DIR, "--source-dir",
          TARGET_DIR, "--target-dir",
          FEE_DAYS, "--fee-days",
          LOG_FILE, "--log-file");

  /** Returns how to name a setting in a message: its option if it came from the command line. */
  public String label(String name) {
    Value value = values.get(name);
    String option = OPTION_NAMES.get(name);
    return value != null && value.source() == Source.OPTION && option != null ? option : name;
  }

  /** Settings whose values are secret: masked in all output and also accepted as NAME_FILE. */
  public static final Set<String> SECRETS =
      Set.of(
          SFTP_PASSWORD,
          SFTP_PRIVATE_KEY,
          SFTP_PRIVATE_KEY_PASSPHRASE,
          DROPBOX_APP_SECRET,
          DROPBOX_REFRESH_TOKEN,
          VESTR_PASSWORD,
          VESTR_OTP_SECRET,
          VESTR_OIDC_CLIENT_SECRET,
          DATABASE_URL);

  /** Built-in defaults of the settings that have one. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          SFTP_PORT, "22",
          DROPBOX_CREDENTIALS_FILE, "dropbox_credentials.json",
          DROPBOX_FOLDER, "/cred",
          VESTR_URL, "https://aisfg.delta.vestr.com",
          VESTR_AUTH_MODE, "oidc",
          VESTR_OIDC_SCOPE, "openid",
          VESTR_FULL_SYNC_FROM, "2015-01-01",
          DOWNLOAD_DIR, "download");

  /** Name of the properties file read from the working directory when {@code --config} is absent. */
  public static final String DEFAULT_PROPERTIES_FILE = "integrated-sync.properties";

  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private final Map<String, Value> values;
  private final Map<String, ConfigurationException> broken;
  private final Path workingDirectory;
  private final Optional<Path> propertiesFile;
  private final Set<String> secretValues;
  private final List<String> warnings;

  private Settings(
      Map<String, Value> values,
      Map<String, ConfigurationException> broken,
      Path workingDirectory,
      Optional<Path> propertiesFile,
      Set<String> secretValues,
      List<String> warnings) {
    this.values = values;
    this.broken = broken;
    this.workingDirectory = workingDirectory;
    this.propertiesFile = propertiesFile;
    this.secretValues = secretValues;
    this.warnings = warnings;
  }

  /**
   * Resolves the settings.
   *
   * @param options values given on the command line, by setting name (null values are ignored)
   * @param environment environment variables
   * @param configFile the {@code --config} file, or null for the default properties file when
   *     present
   * @param workingDirectory folder relative paths are resolved against
   * @throws ConfigurationException if the properties file is missing or malformed, or a NAME_FILE
   *     cannot be read, or a secret is given both as NAME and NAME_FILE
   */
  public static Settings load(
      Map<String, String> options,
      Map<String, String> environment,
      Path configFile,
      Path workingDirectory) {
    Optional<Path> propertiesPath;
    Map<String, String> fileValues;
    if (configFile != null) {
      Path path = workingDirectory.resolve(configFile);
      if (!Files.isRegularFile(path)) {
        throw new ConfigurationException("--config", "--config file not found: " + path);
      }
      propertiesPath = Optional.of(path);
    } else {
      Path candidate = workingDirectory.resolve(DEFAULT_PROPERTIES_FILE);
      propertiesPath = Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }
    Map<String, Integer> fileLines = new LinkedHashMap<>();
    fileValues = propertiesPath.map(p -> readProperties(p, fileLines)).orElse(Map.of());
    List<String> warnings = unknownNames(environment, fileLines, propertiesPath);

    Map<String, String> optionValues = new LinkedHashMap<>();
    options.forEach(
        (k, v) -> {
          if (v != null) {
            optionValues.put(k, v);
          }
        });

    Set<String> names = new LinkedHashSet<>();
    names.addAll(optionValues.keySet());
    names.addAll(environment.keySet());
    names.addAll(fileValues.keySet());
    names.addAll(DEFAULTS.keySet());
    names.addAll(SECRETS);

    Map<String, Value> resolved = new LinkedHashMap<>();
    Map<String, ConfigurationException> broken = new LinkedHashMap<>();
    Set<String> secrets = new LinkedHashSet<>();
    for (String name : names) {
      if (name.endsWith("_FILE") && SECRETS.contains(name.substring(0, name.length() - 5))) {
        continue; // resolved together with its secret
      }
      Value value;
      try {
        value =
          lookup(name, optionValues, Source.OPTION, "option", workingDirectory)
              .or(() -> lookup(name, environment, Source.ENVIRONMENT, "environment", workingDirectory))
              .or(
                  () ->
                      lookup(
                          name,
                          fileValues,
                          Source.FILE,
                          propertiesPath.map(Path::toString).orElse(""),
                          workingDirectory))
              .orElseGet(
                  () ->
                      DEFAULTS.containsKey(name)
                          ? new Value(name, DEFAULTS.get(name), Source.DEFAULT, "default")
                          : null);
      } catch (ConfigurationException e) {
        // reported only if a task that runs needs the setting
        broken.put(name, e);
        continue;
      }
      if (value != null) {
        resolved.put(name, value);
      }
    }
    // every secret value given anywhere is masked, even one shadowed by a higher layer
    for (String secret : SECRETS) {
      for (Map<String, String> layer : List.of(optionValues, environment, fileValues)) {
        try {
          lookup(secret, layer, Source.ENVIRONMENT, "", workingDirectory)
              .ifPresent(v -> secrets.addAll(maskedParts(secret, v.value())));
        } catch (ConfigurationException e) {
          // unreadable: there is no value to mask
        }
      }
    }
    return new Settings(
        Map.copyOf(resolved),
        Map.copyOf(broken),
        workingDirectory,
        propertiesPath,
        Set.copyOf(secrets),
        List.copyOf(warnings));
  }

  /** Prefixes of environment variables that are meant for this tool. */
  static final List<String> OWN_PREFIXES = List.of("INTEGRATED_SYNC_", "CREDINVEST_", "DROPBOX_", "VESTR_");

  /**
   * Returns every setting name the tool reads: the constants of this class and of {@link
   * MirrorConfig}, and the {@code _FILE} form of each secret.
   */
  static Set<String> knownNames() {
    Set<String> known = new java.util.TreeSet<>();
    for (Class<?> type : List.of(Settings.class, MirrorConfig.class)) {
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (field.getType() == String.class
            && java.lang.reflect.Modifier.isStatic(modifiers)
            && java.lang.reflect.Modifier.isFinal(modifiers)) {
          try {
            field.setAccessible(true);
            String value = (String) field.get(null);
            if (value != null && value.matches("[A-Z][A-Z0-9_]*_[A-Z0-9_]+")) {
              known.add(value);
            }
          } catch (IllegalAccessException | RuntimeException e) {
            // not a setting name
          }
        }
      }
    }
    SECRETS.forEach(name -> known.add(name + "_FILE"));
    return known;
  }

  /**
   * Returns one warning per name that looks meant for this tool but is not one it reads: every key
   * of the properties file, and environment variables with one of the tool's prefixes.
   */
  private static List<String> unknownNames(
      Map<String, String> environment, Map<String, Integer> fileLines, Optional<Path> propertiesFile) {
    Set<String> known = knownNames();
    List<String> warnings = new ArrayList<>();
    fileLines.forEach(
        (key, line) -> {
          if (!known.contains(key)) {
            warnings.add(
                "unknown setting " + key + " in " + propertiesFile.map(Path::toString).orElse("")
                    + " line " + line + " is ignored" + nearest(key, known));
          }
        });
    environment.keySet().stream()
        .filter(name -> OWN_PREFIXES.stream().anyMatch(name::startsWith))
        .filter(name -> !known.contains(name))
        .sorted()
        .forEach(name -> warnings.add("unknown environment variable " + name + " is ignored" + nearest(name, known)));
    return warnings;
  }

  /** Returns " (did you mean X?)" for the closest known name, or "" if none is close. */
  static String nearest(String name, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(name.toUpperCase(java.util.Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 4) ? " (did you mean " + best + "?)" : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Returns the warnings about names that are not settings (misspelt keys, unknown variables). */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Returns what to mask of a secret setting's value: the whole value, except for {@code
   * DATABASE_URL}, of which only the password is secret — a URL without a password is shown as it
   * is, one with a password is masked whole and its password on its own too.
   */
  static List<String> maskedParts(String name, String value) {
    if (!DATABASE_URL.equals(name)) {
      return List.of(value);
    }
    List<String> parts = new ArrayList<>();
    java.util.regex.Matcher userInfo = Pattern.compile("^[A-Za-z:]*//[^/?@:]*:([^@/?]*)@").matcher(value);
    if (userInfo.find() && !userInfo.group(1).isEmpty()) {
      parts.add(userInfo.group(1));
    }
    java.util.regex.Matcher parameter = Pattern.compile("[?&]password=([^&]*)").matcher(value);
    while (parameter.find()) {
      if (!parameter.group(1).isEmpty()) {
        parts.add(parameter.group(1));
      }
    }
    for (String part : List.copyOf(parts)) {
      try {
        String decoded = java.net.URLDecoder.decode(part, StandardCharsets.UTF_8);
        if (!decoded.equals(part)) {
          parts.add(decoded);
        }
      } catch (IllegalArgumentException e) {
        // not percent-encoded
      }
    }
    if (!parts.isEmpty()) {
      parts.add(value);
    }
    return parts;
  }

  private static Optional<Value> lookup(
      String name, Map<String, String> layer, Source source, String origin, Path workingDirectory) {
    String direct = blankToNull(layer.get(name));
    if (!SECRETS.contains(name)) {
      return Optional.ofNullable(direct).map(v -> new Value(name, v, source, origin));
    }
    String fileName = name + "_FILE";
    String file = blankToNull(layer.get(fileName));
    if (direct != null && file != null) {
      throw new ConfigurationException(
          name, "set either " + name + " or " + fileName + " (" + source.label() + "), not both");
    }
    if (direct != null) {
      return Optional.of(new Value(name, direct, source, origin));
    }
    if (file == null) {
      return Optional.empty();
    }
    Path path = workingDirectory.resolve(file);
    try {
      if (Files.isDirectory(path)) {
        throw new ConfigurationException(fileName, fileName + " names a folder, not a file: " + path);
      }
      String text =
          TextFiles.decode(Files.readAllBytes(path))
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          fileName,
                          fileName + " names a file that is not text (" + TextFiles.ACCEPTED + "): " + path));
      String content = stripTrailingNewlines(text);
      if (content.isBlank()) {
        throw new ConfigurationException(fileName, fileName + " names an empty file: " + path);
      }
      return Optional.of(new Value(name, content, source, fileName + "=" + path));
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigurationException ce) {
        throw ce;
      }
      throw new ConfigurationException(fileName, fileName + " cannot be read: " + path);
    }
  }

  private static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Reads {@code KEY=value} lines; blank lines and lines starting with # or ! are comments. */
  static Map<String, String> readProperties(Path path) {
    return readProperties(path, new LinkedHashMap<>());
  }

  /**
   * Reads {@code KEY=value} lines, recording the line of each key in {@code lines}. The file may be
   * UTF-8 (with or without a byte-order mark) or UTF-16 with one; a key given twice is an error.
   */
  static Map<String, String> readProperties(Path path, Map<String, Integer> lines) {
    String text;
    try {
      text =
          TextFiles.decode(Files.readAllBytes(path))
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "--config",
                          "configuration file is not text (" + TextFiles.ACCEPTED + "): " + path));
    } catch (IOException e) {
      throw new ConfigurationException("--config", "configuration file cannot be read: " + path);
    }
    Map<String, String> result = new LinkedHashMap<>();
    int number = 0;
    for (String raw : text.split("\\R", -1)) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq).strip();
      if (eq < 0 || !KEY.matcher(key).matches()) {
        throw new ConfigurationException(
            "--config", path + " line " + number + ": expected KEY=value");
      }
      Integer first = lines.putIfAbsent(key, number);
      if (first != null) {
        throw new ConfigurationException(
            key, path + " line " + number + ": " + key + " is set twice (first on line " + first + ")");
      }
      // no backslash escapes, so Windows paths can be written as they are
      result.put(key, line.substring(eq + 1).strip());
    }
    return result;
  }

  /** Returns the value of a setting, if set or defaulted. */
  public Optional<String> get(String name) {
    return value(name).map(Value::value);
  }

  /** Returns the resolved value with its origin, if set or defaulted. */
  public Optional<Value> value(String name) {
    checkReadable(name);
    return Optional.ofNullable(values.get(name));
  }

  /** Returns whether the setting has a value. */
  public boolean has(String name) {
    checkReadable(name);
    return values.containsKey(name);
  }

  /** Throws the error found while reading a setting's NAME_FILE, if there was one. */
  private void checkReadable(String name) {
    ConfigurationException error = broken.get(name);
    if (error != null) {
      throw new ConfigurationException(error.setting(), error.getMessage());
    }
  }

  /**
   * Returns the value of a setting that must be set.
   *
   * @param neededFor what needs it, for the message, for example "the credinvest task"
   * @throws ConfigurationException if the setting has no value
   */
  public String require(String name, String neededFor) {
    return get(name).orElseThrow(() -> missing(name, neededFor));
  }

  /** Returns the exception for a missing setting, with a hint where to set it. */
  public static ConfigurationException missing(String name, String neededFor) {
    String how = SECRETS.contains(name) ? " (or " + name + "_FILE)" : "";
    return new ConfigurationException(
        name,
        "missing setting "
            + name
            + how
            + ", needed by "
            + neededFor
            + ": set it in the environment or in "
            + DEFAULT_PROPERTIES_FILE);
  }

  /**
   * Returns an integer setting in a range.
   *
   * @throws ConfigurationException if it is not an integer in the range
   */
  public Optional<Integer> integer(String name, int min, int max) {
    Optional<Value> value = value(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(value.get().value());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return Optional.of(n);
    } catch (NumberFormatException e) {
      throw malformed(name, "a whole number from " + min + " to " + max, value.get());
    }
  }

  /**
   * Returns a date setting ({@code yyyy-MM-dd}).
   *
   * @throws ConfigurationException if it is not such a date
   */
  public Optional<LocalDate> date(String name) {
    Optional<Value> value = value(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value.get().value()));
    } catch (DateTimeParseException e) {
      throw malformed(name, "a date like 2015-01-01", value.get());
    }
  }

  /**
   * Returns an http(s) URL setting.
   *
   * @throws ConfigurationException if it is not an absolute http or https URL
   */
  public Optional<URI> url(String name) {
    Optional<Value> value = value(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.get().value());
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new URISyntaxException(value.get().value(), "not an http(s) URL");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw malformed(name, "an http:// or https:// URL", value.get());
    }
  }

  /** Returns a path setting resolved against the working directory. */
  public Optional<Path> path(String name) {
    return get(name).map(workingDirectory::resolve);
  }

  /** Returns the exception for a malformed value; secret values are not quoted. */
  public static ConfigurationException malformed(String name, String expected, Value value) {
    String shown = SECRETS.contains(name) ? "" : " (got \"" + value.value() + "\")";
    String option = OPTION_NAMES.get(name);
    if (value.source() == Source.OPTION && option != null) {
      return new ConfigurationException(option, "malformed option " + option + ": expected " + expected + shown);
    }
    String from = value.source() == Source.DEFAULT ? "" : " from " + value.source().label();
    return new ConfigurationException(
        name, "malformed setting " + name + from + ": expected " + expected + shown);
  }

  /** Returns the working directory relative paths are resolved against. */
  public Path workingDirectory() {
    return workingDirectory;
  }

  /** Returns the properties file that was read, if any. */
  public Optional<Path> propertiesFile() {
    return propertiesFile;
  }

  /** Returns every secret value configured in any layer, for masking. */
  public Set<String> secretValues() {
    return secretValues;
  }

  /** Returns the names of all settings that have a value, in a stable order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(values.keySet());
    names.sort(null);
    return names;
  }

  @Override
  public String toString() {
    return "Settings" + names();
  }
}
