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
  // command-line options that can also come from the environment or the properties file
  public static final String DOWNLOAD_DIR = "INTEGRATED_SYNC_DOWNLOAD_DIR";
  public static final String SOURCE_DIR = "INTEGRATED_SYNC_SOURCE_DIR";
  public static final String TARGET_DIR = "INTEGRATED_SYNC_TARGET_DIR";
  public static final String FEE_DAYS = "INTEGRATED_SYNC_FEE_DAYS";
  public static final String LOG_FILE = "INTEGRATED_SYNC_LOG_FILE";

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

  private Settings(
      Map<String, Value> values,
      Map<String, ConfigurationException> broken,
      Path workingDirectory,
      Optional<Path> propertiesFile,
      Set<String> secretValues) {
    this.values = values;
    this.broken = broken;
    this.workingDirectory = workingDirectory;
    this.propertiesFile = propertiesFile;
    this.secretValues = secretValues;
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
    fileValues = propertiesPath.map(Settings::readProperties).orElse(Map.of());

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
              .ifPresent(v -> secrets.add(v.value()));
        } catch (ConfigurationException e) {
          // unreadable: there is no value to mask
        }
      }
    }
    return new Settings(
        Map.copyOf(resolved), Map.copyOf(broken), workingDirectory, propertiesPath, Set.copyOf(secrets));
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
      String content = stripTrailingNewlines(Files.readString(path, StandardCharsets.UTF_8));
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
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException("--config", "configuration file cannot be read: " + path);
    }
    Map<String, String> result = new LinkedHashMap<>();
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq).strip();
      if (eq < 0 || !KEY.matcher(key).matches()) {
        throw new ConfigurationException(
            "--config", path + " line " + number + ": expected KEY=value");
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
