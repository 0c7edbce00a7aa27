package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unattended operation, tried as a new operator would, with the shaded jar as a separate process:
 * {@code doctor} proves each service with a real read and fails against a wrong endpoint or mode;
 * {@code last-run.json} says why a task failed or was skipped, holds the fee window, is readable by
 * other accounts and is not overwritten by a dry run; a whole failed Dropbox step names every
 * selected account; secret files written on Windows are read as their text; a misspelt or
 * duplicated key is caught; the log and the lock are never written through a symbolic link; the
 * console prints each result once.
 */
class UnattendedOperationIT {
  private static final Secrets SECRETS = new Secrets();
  private static SftpTestServer sftp;
  private static FakeDropbox dropbox;
  private static FeeDatabase database;
  private static HttpServer staticSite;
  private static List<String> inboxNames;

  /** Vestr fakes of one test: each login needs its own, as a one-time code is refused when reused. */
  private final List<VestrFake> fakes = new ArrayList<>();

  @TempDir Path dir;

  @org.junit.jupiter.api.AfterEach
  void stopFakes() {
    fakes.forEach(VestrFake::close);
  }

  /** Returns a new Vestr fake with the secrets' password and OTP secret. */
  private VestrFake newVestr() {
    VestrFake fake =
        VestrFake.builder().password(SECRETS.vestrPassword).otpSecret(SECRETS.vestrOtpSecret).records(20).build().start();
    fakes.add(fake);
    return fake;
  }

  @BeforeAll
  static void startServices() throws Exception {
    sftp = new SftpTestServer().withPasswordUser(Env.SFTP_USER, SECRETS.sftpPassword).start();
    inboxNames = Inbox.writeAll(sftp.root(), Inbox.currentPairs(3), 2_000);
    Files.writeString(sftp.root().resolve("readme.txt"), "not a report");
    dropbox = FakeDropbox.start();
    database = FeeDatabase.create("relunattended", SECRETS.databasePassword);
    // a web server that answers every page with 200 and has no API: what a wrong VESTR_URL reaches
    staticSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    staticSite.createContext("/", exchange -> {
      byte[] page = "<html><body><h1>Welcome</h1></body></html>".getBytes(StandardCharsets.UTF_8);
      if ("POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
      } else {
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
      }
      exchange.close();
    });
    staticSite.start();
  }

  @AfterAll
  static void stopServices() {
    if (staticSite != null) {
      staticSite.stop(0);
    }
    if (database != null) {
      database.close();
    }
    if (dropbox != null) {
      dropbox.close();
    }
    if (sftp != null) {
      sftp.close();
    }
  }

  private Map<String, String> allServices() {
    return allServices(newVestr());
  }

  private static Map<String, String> allServices(VestrFake vestr) {
    return Env.of(Env.sftp(sftp, SECRETS), Env.dropbox(dropbox, SECRETS), Env.vestr(vestr), Env.database(database));
  }

  private CliProcess cli(Map<String, String> env, String... args) {
    return CliProcess.in(dir.resolve("work")).env(env).args(args);
  }

  private static String staticSiteUrl() {
    return "http://127.0.0.1:" + staticSite.getAddress().getPort() + "/";
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Returns the doctor line of a check, failing if there is none. */
  private static String doctorLine(RunResult result, String check) {
    return result.stdout().lines()
        .filter(l -> l.matches("\\[(?: OK |FAIL)\\] " + check + " .*"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no doctor line for " + check + " in\n" + result));
  }

  @Test
  void doctorProvesEachServiceAndFailsAgainstAWrongEndpointOrMode() throws Exception {
    Path work = dir.resolve("work");
    cli(allServices(), "db", "migrate").run().assertExit(0);
    Map<Path, Long> before = snapshot(work);
    VestrFake vestr = newVestr();

    RunResult good = cli(allServices(vestr), "doctor").run();

    good.assertExit(0).assertNoSecretsLeaked(SECRETS.all());
    assertThat(doctorLine(good, "sftp")).startsWith("[ OK ]").contains("7 entries, 6 INTE report file(s)");
    assertThat(doctorLine(good, "dropbox")).startsWith("[ OK ]").contains("/cred");
    assertThat(doctorLine(good, "vestr")).startsWith("[ OK ]").contains("fee query", "first: 1");
    assertThat(doctorLine(good, "database")).startsWith("[ OK ]").contains("schema at version");
    assertThat(vestr.graphQlRequests()).as("GraphQL requests of doctor").isEqualTo(1);
    assertThat(vestr.recordsServed()).as("fee records served to doctor").isLessThanOrEqualTo(1);
    assertThat(dropbox.folderExists("/cred")).as("doctor created the Dropbox folder").isFalse();
    assertThat(dropbox.uploadedBytes()).as("bytes uploaded by doctor").isZero();
    assertThat(snapshot(work)).as("files in the working directory after doctor").isEqualTo(before);

    // session mode against a plain static web server signs "in" but has no API: a failed proof
    Map<String, String> staticVestr = allServices();
    staticVestr.put("VESTR_AUTH_MODE", "session");
    staticVestr.put("VESTR_URL", staticSiteUrl());
    staticVestr.remove("VESTR_GRAPHQL_URL");
    RunResult wrongMode = cli(staticVestr, "doctor", "--skip-credinvest", "--skip-fee-snapshots").run();
    wrongMode.assertExit(1);
    assertThat(doctorLine(wrongMode, "vestr")).startsWith("[FAIL]").contains("405");

    Map<String, String> wrongGraphQl = allServices();
    wrongGraphQl.put("VESTR_GRAPHQL_URL", URI.create(wrongGraphQl.get("VESTR_URL")).resolve("/no-such-api").toString());
    RunResult wrongEndpoint = cli(wrongGraphQl, "doctor", "--skip-credinvest", "--skip-fee-snapshots").run();
    wrongEndpoint.assertExit(1);
    assertThat(doctorLine(wrongEndpoint, "vestr")).startsWith("[FAIL]");
    assertThat(doctorLine(wrongEndpoint, "database")).startsWith("[ OK ]");

    Map<String, String> wrongServices = allServices();
    wrongServices.put("CREDINVEST_SFTP_PORT", String.valueOf(closedPort()));
    wrongServices.put("DROPBOX_REFRESH_TOKEN", "revoked-refresh-token-1");
    wrongServices.put("DATABASE_URL", "postgresql://nobody:" + SECRETS.databasePassword + "@127.0.0.1:" + closedPort() + "/fees");
    RunResult unreachable = cli(wrongServices, "doctor", "--skip-vestr-fees").run();
    unreachable.assertExit(1).assertNoSecretsLeaked(SECRETS.all());
    assertThat(doctorLine(unreachable, "sftp")).startsWith("[FAIL]");
    assertThat(doctorLine(unreachable, "dropbox")).startsWith("[FAIL]");
    assertThat(doctorLine(unreachable, "database")).startsWith("[FAIL]");

    Map<String, String> misconfigured = allServices();
    misconfigured.put("VESTR_AUTH_MODE", "kerberos");
    RunResult configuration = cli(misconfigured, "doctor").run();
    configuration.assertExit(2);
    assertThat(doctorLine(configuration, "configuration")).startsWith("[FAIL]").contains("VESTR_AUTH_MODE");
    assertThat(snapshot(work)).as("files in the working directory after doctor").isEqualTo(before);
  }

  @Test
  void lastRunJsonSaysWhyHoldsTheWindowIsReadableAndADryRunDoesNotHideIt() throws Exception {
    Map<String, String> env = allServices();
    env.put("VESTR_PASSWORD", "not-the-password-9");
    Path inbox = dir.resolve("inbox");
    Inbox.writeAll(inbox, Inbox.currentPairs(1), 1_000);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    RunResult run = cli(env, "--source-dir", inbox.toString(), "--target-dir", "cred", "--fee-days", "7").run();

    run.assertExit(1);
    Path lastRun = run.workDir().resolve("logs/last-run.json");
    JsonNode json = run.lastRun();
    assertThat(json.path("outcome").asText()).isEqualTo("failed");
    assertThat(run.task("credinvest").path("outcome").asText()).isEqualTo("succeeded");
    assertThat(run.task("credinvest").has("reason")).isFalse();
    JsonNode fees = run.task("vestr-fees");
    assertThat(fees.path("outcome").asText()).isEqualTo("failed");
    assertThat(fees.path("reason").asText()).containsIgnoringCase("password");
    assertThat(fees.path("window").path("from").asText()).isEqualTo(today.minusDays(7).toString());
    assertThat(fees.path("window").path("to").asText()).isEqualTo(today.toString());
    assertThat(run.task("fee-snapshot").path("outcome").asText()).isEqualTo("succeeded");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lastRun)))
        .as("last-run.json is readable by a monitoring agent under another account")
        .isEqualTo("rw-r--r--");
    byte[] scheduled = Files.readAllBytes(lastRun);

    RunResult skipped = cli(env, "--dry-run", "--source-dir", inbox.toString(), "--target-dir", "cred",
        "--skip-vestr-fees", "--skip-fee-snapshots").run();

    skipped.assertExit(0);
    assertThat(Files.readAllBytes(lastRun)).as("last-run.json after a dry run").isEqualTo(scheduled);
    Path dryRun = run.workDir().resolve("logs/last-dry-run.json");
    JsonNode dry = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dryRun.toFile());
    assertThat(dry.path("dryRun").asBoolean()).isTrue();
    assertThat(dry.path("tasks").get(1).path("reason").asText()).isEqualTo("--skip-vestr-fees");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dryRun))).isEqualTo("rw-r--r--");
    try (Stream<Path> logs = Files.list(run.workDir().resolve("logs"))) {
      assertThat(logs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .as("temporary files left").isEmpty();
    }
  }

  @Test
  void whenTheWholeDropboxStepFailsEverySelectedAccountIsNamed() throws Exception {
    Map<String, String> env = Env.of(Env.sftp(sftp, SECRETS), Env.dropbox(dropbox, SECRETS));
    env.put("DROPBOX_REFRESH_TOKEN", "revoked-refresh-token-2");

    RunResult run = cli(env, "--skip-vestr-fees", "--skip-fee-snapshots").run();

    run.assertExit(1).assertNoSecretsLeaked(SECRETS.all());
    List<String> failed = new ArrayList<>();
    for (JsonNode account : run.task("credinvest").path("failedAccounts")) {
      failed.add(account.path("account").asText() + " " + account.path("type").asText());
      assertThat(account.path("error").asText()).isNotBlank();
    }
    assertThat(failed).containsExactlyInAnyOrder(
        "100001 INTE100F", "100001 INTE400F", "100002 INTE100F", "100002 INTE400F", "100003 INTE100F",
        "100003 INTE400F");
    assertThat(run.task("credinvest").path("reason").asText()).isNotBlank();
    assertThat(run.stdout()).contains(
        "Failed account numbers: 100001 (INTE100F), 100001 (INTE400F), 100002 (INTE100F), 100002 (INTE400F), "
            + "100003 (INTE100F), 100003 (INTE400F)");
    assertThat(dropbox.fileNames("/cred")).as("files in Dropbox").isEmpty();

    // the same when Dropbox cannot be reached at all
    Map<String, String> unreachable = Env.of(Env.sftp(sftp, SECRETS), Env.dropbox(dropbox, SECRETS));
    unreachable.put("DROPBOX_BASE_URL", "http://127.0.0.1:" + closedPort());
    unreachable.put("DROPBOX_CALL_ATTEMPTS", "1");
    unreachable.put("DROPBOX_RETRY_PASSES", "0");
    unreachable.put("DROPBOX_BACKOFF_MILLIS", "0");
    RunResult down = CliProcess.in(dir.resolve("work2")).env(unreachable).args("--skip-vestr-fees", "--skip-fee-snapshots").run();
    down.assertExit(1).assertNoSecretsLeaked(SECRETS.all());
    assertThat(down.task("credinvest").path("failedAccounts")).as("failed accounts of\n%s", down).hasSize(6);
    assertThat(down.stdout()).contains("Failed account numbers: 100001 (INTE100F), ");
  }

  @Test
  void secretFilesWrittenOnWindowsAreReadAsTheirTextAndAnythingElseIsRefused() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path password = secrets.resolve("vestr-password.txt");
    Files.write(password, concat(bom, (SECRETS.vestrPassword + "\r\n").getBytes(StandardCharsets.UTF_8)));
    Path databaseUrl = secrets.resolve("database-url.txt");
    Files.write(databaseUrl, concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        (database.url() + "\r\n").getBytes(StandardCharsets.UTF_16LE)));
    VestrFake vestr = newVestr();
    Map<String, String> env = Env.of(Env.vestr(vestr), Env.database(database));
    env.remove("VESTR_PASSWORD");
    env.remove("DATABASE_URL");
    env.put("VESTR_PASSWORD_FILE", password.toString());
    env.put("DATABASE_URL_FILE", databaseUrl.toString());
    long attempts = vestr.passwordAttempts();
    long logins = vestr.logins();

    RunResult run = cli(env, "--skip-credinvest", "--fee-days", "3").run();

    run.assertExit(0).assertNoSecretsLeaked(SECRETS.all());
    assertThat(vestr.passwordAttempts() - attempts).as("password attempts").isEqualTo(1);
    assertThat(vestr.logins() - logins).as("successful logins").isEqualTo(1);
    assertThat(run.task("vestr-fees").path("outcome").asText()).isEqualTo("succeeded");

    // UTF-16 without a byte-order mark is not guessed: a wrong password is never sent
    Files.write(password, SECRETS.vestrPassword.getBytes(StandardCharsets.UTF_16LE));
    attempts = vestr.passwordAttempts();
    RunResult refused = CliProcess.in(dir.resolve("work2")).env(env).args("--skip-credinvest").run();
    refused.assertConfigurationError("VESTR_PASSWORD_FILE");
    assertThat(refused.stderr()).contains("not text", password.toString());
    assertThat(vestr.passwordAttempts()).as("password attempts").isEqualTo(attempts);
  }

  @Test
  void aMisspeltKeyIsNamedWithTheRightOneAndADuplicateKeyIsAnError() throws Exception {
    Path inbox = dir.resolve("inbox");
    Inbox.writeAll(inbox, Inbox.currentPairs(1), 1_000);
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(work.resolve("integrated-sync.properties"),
        "INTEGRATED_SYNC_SOURCE_DIR=" + inbox + "\nINTEGRATED_SYNC_TARGT_DIR=cred\n");

    RunResult misspelt = cli(Map.of(), "--skip-vestr-fees", "--skip-fee-snapshots").run();

    misspelt.assertConfigurationError("DROPBOX_APP_KEY");
    assertThat(misspelt.stderr()).contains(
        "unknown setting INTEGRATED_SYNC_TARGT_DIR", "did you mean INTEGRATED_SYNC_TARGET_DIR?");

    Files.writeString(work.resolve("integrated-sync.properties"),
        "INTEGRATED_SYNC_SOURCE_DIR=" + inbox + "\nINTEGRATED_SYNC_TARGET_DIR=cred\nINTEGRATED_SYNC_TARGET_DIR=cred2\n");
    RunResult duplicate = cli(Map.of(), "--skip-vestr-fees", "--skip-fee-snapshots").run();
    duplicate.assertConfigurationError("INTEGRATED_SYNC_TARGET_DIR");
    assertThat(duplicate.stderr()).contains("line 3", "set twice", "line 2");
    assertThat(work.resolve("cred")).doesNotExist();
    assertThat(work.resolve("cred2")).doesNotExist();

    // an unknown name next to a complete configuration is a warning, and the run goes on
    Files.writeString(work.resolve("integrated-sync.properties"),
        "INTEGRATED_SYNC_SOURCE_DIR=" + inbox + "\nINTEGRATED_SYNC_TARGET_DIR=cred\nINTEGRATED_SYNC_VERBOSE=yes\n");
    RunResult warned = cli(Map.of("VESTR_USERNAM", "ops"), "--skip-vestr-fees", "--skip-fee-snapshots").run();
    warned.assertExit(0);
    assertThat(warned.stdout()).contains("WARN  unknown setting INTEGRATED_SYNC_VERBOSE",
        "WARN  unknown environment variable VESTR_USERNAM is ignored (did you mean VESTR_USERNAME?)");
    assertThat(work.resolve("cred").resolve(Inbox.currentPairs(1).get(0))).exists();
  }

  @Test
  void theLogAndTheLockAreNeverWrittenThroughASymbolicLink() throws Exception {
    Path inbox = dir.resolve("inbox");
    List<String> names = Inbox.writeAll(inbox, Inbox.currentPairs(1), 1_000);
    Path victim = dir.resolve("victim.bin");
    byte[] precious = "precious bytes\n\u0000\u0001 of another file".getBytes(StandardCharsets.UTF_8);
    Files.write(victim, precious);
    Path work = Files.createDirectories(dir.resolve("work"));
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path lock = logs.resolve(".integrated-sync.lock");
    String[] args = {"--source-dir", inbox.toString(), "--target-dir", "cred", "--skip-vestr-fees", "--skip-fee-snapshots"};

    Files.createSymbolicLink(lock, victim);
    for (boolean dryRun : new boolean[] {true, false}) {
      RunResult result = dryRun ? cli(Map.of(), concat("--dry-run", args)).run() : cli(Map.of(), args).run();
      result.assertConfigurationError("run lock");
      assertThat(result.stderr()).contains("symbolic link", lock.toString());
      assertThat(Files.readAllBytes(victim)).as("the link's target").isEqualTo(precious);
      assertThat(Files.isSymbolicLink(lock)).isTrue();
      assertThat(work.resolve("cred")).doesNotExist();
      assertThat(work.resolve("download")).doesNotExist();
    }
    Files.delete(lock);

    Path log = work.resolve("run.log");
    Files.createSymbolicLink(log, victim);
    for (boolean dryRun : new boolean[] {true, false}) {
      String[] withLog = concat("--log-file", concat(log.toString(), args));
      RunResult result = dryRun ? cli(Map.of(), concat("--dry-run", withLog)).run() : cli(Map.of(), withLog).run();
      result.assertConfigurationError("--log-file");
      assertThat(result.stderr()).contains("symbolic link");
      assertThat(Files.readAllBytes(victim)).as("the link's target").isEqualTo(precious);
      assertThat(work.resolve("cred")).doesNotExist();
      assertThat(work.resolve("download")).doesNotExist();
      assertThat(lock).as("lock taken").doesNotExist();
    }

    // and the same run without links works, writing its summary as a new file
    Files.deleteIfExists(logs.resolve("last-run.json"));
    Files.createSymbolicLink(logs.resolve("last-run.json"), victim);
    RunResult clean = cli(Map.of(), args).run();
    clean.assertExit(0);
    assertThat(Files.readAllBytes(victim)).as("the link's target").isEqualTo(precious);
    assertThat(Files.isSymbolicLink(logs.resolve("last-run.json"))).as("last-run.json still a link").isFalse();
    assertThat(clean.lastRun().path("outcome").asText()).isEqualTo("succeeded");
    for (String name : names) {
      assertThat(work.resolve("cred").resolve(name)).hasBinaryContent(Inbox.content(name, 1_000));
    }
  }

  @Test
  void theConsolePrintsEachResultOnce() throws Exception {
    Path inbox = dir.resolve("inbox");
    Inbox.writeAll(inbox, Inbox.currentPairs(1), 1_000);

    RunResult run = cli(Env.of(Env.vestr(newVestr()), Env.database(database)), "--source-dir", inbox.toString(),
        "--target-dir", "cred", "--fee-days", "2").run();

    run.assertExit(0);
    for (String task : new String[] {"credinvest", "vestr-fees", "fee-snapshot"}) {
      assertThat(run.stdout().lines().filter(l -> l.matches(".*\\[(?: OK |FAIL|SKIP)\\] " + task + "\\b.*")))
          .as("result lines of %s in\n%s", task, run).hasSize(1);
    }
    assertThat(run.logText()).contains("[ OK ] fee-snapshot: done").as("the log keeps the result lines");
  }

  /** Returns every file below {@code folder} with its size. */
  private static Map<Path, Long> snapshot(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.collect(java.util.stream.Collectors.toMap(p -> p, p -> p.toFile().length()));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
