package org.integratedsync.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster created with {@code initdb} in a temporary folder and run with {@code pg_ctl}
 * on a free loopback port, as an unprivileged user when this JVM runs as root.
 *
 * <p>Not thread-safe; {@link ThrowawayPostgres} creates one per JVM under its lock.
 */
final class LocalCluster {

  static final String SUPERUSER = "test";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
  private static final int START_ATTEMPTS = 3;

  private final Path binDir;
  private final Path baseDir;
  private final Path dataDir;
  private final List<String> runAs;
  private final String osUser;
  private final String password;
  private int port;
  private Process watchdog;
  private Duration initdbTime = Duration.ZERO;
  private Duration startTime = Duration.ZERO;

  private LocalCluster(Path binDir, Path baseDir, List<String> runAs, String osUser, String password) {
    this.binDir = binDir;
    this.baseDir = baseDir;
    this.dataDir = baseDir.resolve("data");
    this.runAs = runAs;
    this.osUser = osUser;
    this.password = password;
  }

  /**
   * Creates and starts a cluster from the binaries in {@code binDir}.
   *
   * @throws IllegalStateException with the server log's tail if initdb or the start fails
   */
  static LocalCluster start(Path binDir) {
    try {
      Path baseDir = Files.createTempDirectory("integratedsync-pg-");
      List<String> runAs = List.of();
      String osUser = System.getProperty("user.name");
      if (runningAsRoot(baseDir)) {
        osUser = unprivilegedUser();
        runAs = switchUserPrefix(osUser);
        if (!traversableByOthers(baseDir.getParent())) {
          // The server user could not reach a folder under, say, /root/tmp: use /tmp instead.
          Files.delete(baseDir);
          baseDir = Files.createTempDirectory(Path.of("/tmp"), "integratedsync-pg-");
        }
      }
      byte[] secret = new byte[18];
      new SecureRandom().nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      LocalCluster cluster = new LocalCluster(binDir, baseDir, runAs, osUser, password);
      try {
        cluster.initdb();
        cluster.startServer();
        cluster.startWatchdog();
      } catch (RuntimeException e) {
        cluster.stop();
        throw e;
      }
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the throwaway PostgreSQL folder", e);
    }
  }

  /**
   * Finds the folder holding {@code initdb} and {@code pg_ctl}: {@code TEST_POSTGRES_BIN}, then PATH,
   * then {@code pg_config --bindir}, then the usual install folders (newest version first).
   */
  static Optional<Path> findBinDir(Map<String, String> env, List<Path> installRoots) {
    String explicit = env.get("TEST_POSTGRES_BIN");
    if (explicit != null && !explicit.isBlank()) {
      Path dir = Path.of(explicit);
      return hasServerBinaries(dir) ? Optional.of(dir) : Optional.empty();
    }
    String path = env.getOrDefault("PATH", "");
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path initdb = Path.of(entry, "initdb");
      if (Files.isExecutable(initdb)) {
        try {
          Path realDir = initdb.toRealPath().getParent();
          if (hasServerBinaries(realDir)) {
            return Optional.of(realDir);
          }
        } catch (IOException e) {
          // a dangling link; keep looking
        }
      }
    }
    for (String entry : path.split(java.io.File.pathSeparator)) {
      Path pgConfig = entry.isEmpty() ? null : Path.of(entry, "pg_config");
      if (pgConfig != null && Files.isExecutable(pgConfig)) {
        Optional<Path> fromConfig = pgConfigBinDir(pgConfig);
        if (fromConfig.isPresent()) {
          return fromConfig;
        }
      }
    }
    List<Path> candidates = new ArrayList<>();
    for (Path root : installRoots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> versions = Files.list(root)) {
        versions.map(version -> version.resolve("bin")).filter(LocalCluster::hasServerBinaries).forEach(candidates::add);
      } catch (IOException e) {
        // unreadable folder; try the next
      }
    }
    return candidates.stream().max(Comparator.comparing(LocalCluster::versionOf));
  }

  private static Optional<Path> pgConfigBinDir(Path pgConfig) {
    try {
      Process process = new ProcessBuilder(pgConfig.toString(), "--bindir").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
        Path dir = Path.of(out);
        return hasServerBinaries(dir) ? Optional.of(dir) : Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private static int versionOf(Path binDir) {
    try {
      return Integer.parseInt(binDir.getParent().getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean hasServerBinaries(Path dir) {
    return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
        && Files.isExecutable(dir.resolve("postgres"));
  }

  private static boolean traversableByOthers(Path dir) throws IOException {
    for (Path at = dir.toRealPath(); at != null; at = at.getParent()) {
      if (!Files.getPosixFilePermissions(at).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static boolean runningAsRoot(Path ownedByUs) throws IOException {
    // The owner of a file we just created is our effective uid.
    Object uid = Files.getAttribute(ownedByUs, "unix:uid");
    return uid instanceof Integer value && value == 0;
  }

  /** PostgreSQL refuses to run as root: pick {@code postgres} when that user exists, else {@code nobody}. */
  private static String unprivilegedUser() {
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    for (String candidate : List.of("postgres", "nobody")) {
      try {
        lookup.lookupPrincipalByName(candidate);
        return candidate;
      } catch (UserPrincipalNotFoundException e) {
        // try the next
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("Running as root, PostgreSQL needs an unprivileged user, but neither "
        + "'postgres' nor 'nobody' exists: create one (useradd postgres), run the tests as an ordinary user, "
        + "or set TEST_DATABASE_URL");
  }

  private static List<String> switchUserPrefix(String user) {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, "runuser"))) {
        return List.of(dir + "/runuser", "-u", user, "--");
      }
    }
    for (String dir : List.of("/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, "setpriv"))) {
        return List.of(dir + "/setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
      }
    }
    throw new IllegalStateException("Running as root, PostgreSQL must run as '" + user + "', but neither "
        + "runuser nor setpriv (util-linux) is installed: install util-linux, run the tests as an ordinary "
        + "user, or set TEST_DATABASE_URL");
  }

  private void initdb() throws IOException {
    Path passwordFile = baseDir.resolve("pwfile");
    Files.writeString(passwordFile, password + "\n");
    Files.createDirectories(baseDir.resolve("sock"));
    if (!runAs.isEmpty()) {
      // The server user needs the whole folder; nobody else may read it.
      UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(osUser);
      for (Path path : List.of(baseDir, passwordFile, baseDir.resolve("sock"))) {
        Files.setOwner(path, owner);
      }
    }
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    long begin = System.nanoTime();
    run("initdb", List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
        "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
        "--locale=C", "--no-sync"), baseDir.resolve("initdb.out"));
    initdbTime = Duration.ofNanos(System.nanoTime() - begin);
    Files.deleteIfExists(passwordFile);
  }

  private void startServer() {
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      port = freePort();
      String options = "-p " + port + " -h 127.0.0.1 -k '" + baseDir.resolve("sock") + "' -F"
          + " -c full_page_writes=off -c synchronous_commit=off -c max_connections=200"
          + " -c shared_buffers=64MB -c max_wal_size=1GB";
      long begin = System.nanoTime();
      try {
        run("pg_ctl start", List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
            "-l", baseDir.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start"),
            baseDir.resolve("pg_ctl.out"));
        startTime = Duration.ofNanos(System.nanoTime() - begin);
        return;
      } catch (IllegalStateException e) {
        // most likely another process took the port between our probe and the server's bind
        last = e;
      }
    }
    throw last;
  }

  /**
   * Stops the server if this JVM is killed without running its shutdown hooks: a shell polls the JVM
   * and runs {@code pg_ctl stop -m immediate} once it is gone.
   */
  private void startWatchdog() {
    long jvm = ProcessHandle.current().pid();
    String stop = String.join(" ", quoteAll(stopCommand()));
    String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 2; done; " + stop
        + " >/dev/null 2>&1; rm -rf " + quote(baseDir.toString());
    try {
      watchdog = new ProcessBuilder("/bin/sh", "-c", script)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      // Without /bin/sh only the shutdown hook stops the server; that covers every normal exit.
      watchdog = null;
    }
  }

  /** Stops the server at once and removes its folder; safe to call twice. */
  void stop() {
    if (watchdog != null) {
      watchdog.destroy();
    }
    if (Files.exists(dataDir.resolve("postmaster.pid"))) {
      try {
        run("pg_ctl stop", pgCtlStop(), baseDir.resolve("stop.out"));
      } catch (RuntimeException e) {
        System.err.println("[testkit] could not stop throwaway PostgreSQL in " + baseDir + ": " + e.getMessage());
      }
    }
    deleteRecursively(baseDir);
  }

  int port() {
    return port;
  }

  String password() {
    return password;
  }

  Path baseDir() {
    return baseDir;
  }

  String osUser() {
    return osUser;
  }

  Duration initdbTime() {
    return initdbTime;
  }

  Duration startTime() {
    return startTime;
  }

  private List<String> pgCtlStop() {
    return List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "-t",
        "30", "stop");
  }

  private List<String> stopCommand() {
    List<String> command = new ArrayList<>(runAs);
    command.addAll(pgCtlStop());
    return command;
  }

  private void run(String what, List<String> command, Path output) {
    List<String> full = new ArrayList<>(runAs);
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(baseDir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("PG"));
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    try {
      Process process = builder.start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish within " + COMMAND_TIMEOUT + describeOutput(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(what + " failed with exit code " + process.exitValue()
            + " (running as " + osUser + " in " + baseDir + ")" + describeOutput(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + full.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + what, e);
    }
  }

  private String describeOutput(Path output) {
    StringBuilder text = new StringBuilder();
    for (Path file : List.of(output, baseDir.resolve("server.log"))) {
      try {
        if (Files.exists(file)) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          text.append("\n--- ").append(file.getFileName()).append(" ---\n")
              .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
      } catch (IOException e) {
        // best effort: the exit code is already in the message
      }
    }
    return text.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static List<String> quoteAll(List<String> words) {
    return words.stream().map(LocalCluster::quote).toList();
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp folder left behind is harmless
    }
  }
}
