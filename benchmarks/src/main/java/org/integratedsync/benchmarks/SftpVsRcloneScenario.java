package org.integratedsync.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.integratedsync.testkit.files.Xlsx;

/**
 * {@code sftp-vs-rclone}: the same 600 report files (about 65 MiB) fetched from the same OpenSSH
 * server on loopback, once by integrated-sync as a whole process ({@code java -jar
 * integrated-sync.jar --skip-vestr-fees --skip-fee-snapshots --target-dir …}: list, select,
 * download, check and mirror into a local folder) and once by {@code rclone copy --transfers 4}
 * into an empty folder, pairs alternated. Goal: integrated-sync's median wall time at most 1.0×
 * rclone's. rclone runs with {@code disable_hashcheck}: by default it runs a remote {@code md5sum}
 * command per file, which integrated-sync does not do (it checks size and zip structure locally), and
 * which costs more than the whole transfer.
 *
 * <p>The server is the machine's own {@code sshd} (Debian package {@code openssh-server}), started
 * as a child on a free port with its own host key and an authorized key for the current account;
 * rclone is the Debian package {@code rclone}. When either is missing the row says so: nothing is
 * downloaded from anywhere else. The shaded jar is {@code sync-cli/target/integrated-sync.jar}
 * (or the system property {@code integratedsync.jar}).
 */
final class SftpVsRcloneScenario implements Scenario {

  static final int FILES = 600;
  static final int SIZE = 113_000;
  private static final String GOAL = "≤ 1.0× rclone's wall time";
  private static final String WHAT = "SFTP → local folder, 600 reports (65 MiB), whole process vs rclone copy --transfers 4";

  @Override
  public String name() {
    return "sftp-vs-rclone";
  }

  @Override
  public List<Row> run(RunContext context) throws Exception {
    Path rclone = onPath("rclone");
    Path sshd = Stream.of(Path.of("/usr/sbin/sshd"), Path.of("/usr/bin/sshd")).filter(Files::isExecutable)
        .findFirst().orElse(null);
    Path jar = Path.of(System.getProperty("integratedsync.jar", "sync-cli/target/integrated-sync.jar"));
    if (rclone == null) {
      return List.of(Row.failed(name(), GOAL, "rclone not installed (Debian package rclone)"));
    }
    if (sshd == null || onPath("ssh-keygen") == null) {
      return List.of(Row.failed(name(), GOAL, "OpenSSH server not installed (Debian package openssh-server)"));
    }
    if (!Files.isRegularFile(jar)) {
      return List.of(Row.failed(name(), GOAL, "no shaded jar at " + jar.toAbsolutePath() + ": ./mvnw -B package first"));
    }
    Path dir = Files.createTempDirectory("sftp-vs-rclone");
    try (OpenSshServer server = OpenSshServer.start(sshd, dir)) {
      Path inbox = Files.createDirectories(dir.resolve("inbox"));
      for (int i = 0; i < FILES / 2; i++) {
        for (String name : List.of((100_001 + i) + "-20251215170501-INTE100F.xlsx",
            (100_001 + i) + "-20251215170502-INTE400F.xlsx")) {
          Files.write(inbox.resolve(name), Xlsx.ofSize(name, SIZE));
        }
      }
      Path rcloneConfig = Files.writeString(dir.resolve("rclone.conf"), "[bench]\ntype = sftp\nhost = 127.0.0.1\n"
          + "port = " + server.port + "\nuser = " + server.user + "\nkey_file = " + server.userKey + "\n"
          + "known_hosts_file = " + server.knownHosts + "\n"
          // rclone's default runs a remote md5sum per file after the copy (a shell command each, seconds
          // in all); integrated-sync checks size and zip structure locally instead, so leave it out
          + "disable_hashcheck = true\n");

      List<Duration> ours = new ArrayList<>();
      List<Duration> theirs = new ArrayList<>();
      for (int rep = 0; rep < Math.max(3, context.reps()); rep++) {
        // alternate which goes first, so a slow moment of the machine hits both sides alike
        if (rep % 2 == 0) {
          theirs.add(runRclone(rclone, rcloneConfig, inbox, dir));
          ours.add(runOurs(jar, server, inbox, dir));
        } else {
          ours.add(runOurs(jar, server, inbox, dir));
          theirs.add(runRclone(rclone, rcloneConfig, inbox, dir));
        }
        System.err.printf("   pair %d: integrated-sync %s, rclone %s%n", rep + 1, Stats.time(ours.get(rep)),
            Stats.time(theirs.get(rep)));
      }
      Duration oursMedian = Stats.median(ours);
      Duration theirsMedian = Stats.median(theirs);
      double ratio = oursMedian.toNanos() / (double) theirsMedian.toNanos(); // ours / rclone's
      return List.of(new Row(WHAT, oursMedian, "", theirsMedian, "rclone", String.format("%.2f× rclone's time", ratio),
          "", GOAL, Row.verdict(ratio <= 1.0), ours.size() + " alternating pairs against OpenSSH on loopback; ours "
              + Stats.reps(ours) + ", rclone " + Stats.reps(theirs)));
    } finally {
      Files2.deleteTree(dir);
    }
  }

  private static Duration runRclone(Path rclone, Path config, Path inbox, Path dir) throws Exception {
    Path target = Files2.freshFolder(dir, "rclone-target");
    Duration took = time(new ProcessBuilder(rclone.toString(), "--config", config.toString(), "copy",
        "--transfers", "4", "bench:" + inbox, target.toString()), dir.resolve("rclone.log"));
    check(target, "rclone");
    return took;
  }

  private static Duration runOurs(Path jar, OpenSshServer server, Path inbox, Path dir) throws Exception {
    Path work = Files2.freshFolder(dir, "work");
    Path target = Files2.freshFolder(dir, "our-target");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toAbsolutePath().toString(), "--skip-vestr-fees", "--skip-fee-snapshots",
        "--target-dir", target.toString()).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.put("CREDINVEST_SFTP_HOST", "127.0.0.1");
    env.put("CREDINVEST_SFTP_PORT", Integer.toString(server.port));
    env.put("CREDINVEST_SFTP_USERNAME", server.user);
    env.put("CREDINVEST_SFTP_PRIVATE_KEY_FILE", server.userKey.toString());
    env.put("CREDINVEST_SFTP_HOST_KEY", server.fingerprint);
    env.put("CREDINVEST_SFTP_DIR", inbox.toString());
    Duration took = time(builder, dir.resolve("ours.log"));
    check(target, "integrated-sync");
    return took;
  }

  private static Duration time(ProcessBuilder builder, Path log) throws Exception {
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(builder.command().get(0) + " did not finish in 10 minutes");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(builder.command().get(0) + " exited with " + process.exitValue() + ": "
          + tail(Files.readString(log, StandardCharsets.UTF_8)));
    }
    return took;
  }

  private static void check(Path target, String who) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      long count = files.count();
      if (count != FILES) {
        throw new IllegalStateException(who + " left " + count + " files, not " + FILES);
      }
    }
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
  }

  private static Path onPath(String command) {
    for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(entry, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The machine's OpenSSH daemon as a child process, for the current account, on a free port. */
  private static final class OpenSshServer implements AutoCloseable {
    final int port;
    final String user = System.getProperty("user.name");
    final Path userKey;
    final Path knownHosts;
    final String fingerprint;
    private final Process process;

    private OpenSshServer(int port, Path userKey, Path knownHosts, String fingerprint, Process process) {
      this.port = port;
      this.userKey = userKey;
      this.knownHosts = knownHosts;
      this.fingerprint = fingerprint;
      this.process = process;
    }

    static OpenSshServer start(Path sshd, Path dir) throws Exception {
      Path keys = Files.createDirectories(dir.resolve("keys"));
      Path hostKey = keys.resolve("host_ed25519");
      Path userKey = keys.resolve("user_ed25519");
      run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
      run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", userKey.toString());
      Path authorized = Files.copy(keys.resolve("user_ed25519.pub"), keys.resolve("authorized_keys"));
      String hostPub = Files.readString(keys.resolve("host_ed25519.pub")).strip();
      String fingerprint = run(dir, "ssh-keygen", "-l", "-f", keys.resolve("host_ed25519.pub").toString())
          .split("\\s+")[1];
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path knownHosts = Files.writeString(keys.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostPub + "\n");
      Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
          "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey, "PidFile " + dir.resolve("sshd.pid"),
          "AuthorizedKeysFile " + authorized, "StrictModes no", "PasswordAuthentication no",
          "KbdInteractiveAuthentication no", "UsePAM no", "PermitRootLogin prohibit-password",
          "Subsystem sftp internal-sftp", "") );
      if ("root".equals(System.getProperty("user.name"))) {
        Files.createDirectories(Path.of("/run/sshd")); // the privilege-separation folder sshd wants as root
      }
      Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (true) {
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
          break;
        } catch (IOException e) {
          if (!process.isAlive() || System.nanoTime() > deadline) {
            process.destroyForcibly();
            throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
          }
          Thread.sleep(50);
        }
      }
      return new OpenSshServer(port, userKey, knownHosts, fingerprint, process);
    }

    private static String run(Path dir, String... command) throws Exception {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
