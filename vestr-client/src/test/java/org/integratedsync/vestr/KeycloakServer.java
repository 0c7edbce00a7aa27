package org.integratedsync.vestr;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak for the login integration tests, started once per test run from the unpacked
 * {@code org.keycloak:keycloak-quarkus-dist} (system property {@code keycloak.dist}, set by the
 * module's pom) with the test realm imported, and stopped when the run ends.
 *
 * <p>{@code -Dkeycloak.url=http://127.0.0.1:PORT} uses an already running Keycloak instead, which
 * must have {@code src/test/resources/keycloak/integrated-sync-realm.json} imported.
 */
final class KeycloakServer implements BeforeAllCallback {
  static final String REALM = "integrated-sync";
  // 30-90 s on an idle 2-core machine; much longer when other builds share it
  private static final Duration STARTUP_LIMIT =
      Duration.ofSeconds(Long.getLong("keycloak.startupTimeoutSeconds", 300));
  private static volatile URI baseUrl;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (KeycloakServer.class) {
      if (baseUrl != null) {
        return;
      }
      String external = System.getProperty("keycloak.url", "");
      if (!external.isBlank()) {
        baseUrl = URI.create(external.replaceAll("/+$", ""));
        awaitReady(null, null, Duration.ofSeconds(10));
        return;
      }
      Running running = start();
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .put(KeycloakServer.class.getName(), running);
      baseUrl = running.url;
    }
  }

  /** Returns the issuer of the test realm. */
  static URI issuer() {
    return URI.create(baseUrl + "/realms/" + REALM);
  }

  private static Running start() throws IOException, InterruptedException {
    String distProperty = System.getProperty("keycloak.dist", "");
    Path dist = distProperty.isBlank() ? null : Path.of(distProperty);
    if (dist == null || !Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
      fail("Keycloak distribution not found at '" + distProperty + "'. Run the tests through Maven"
          + " (./mvnw -B verify -pl vestr-client -am), which unpacks"
          + " org.keycloak:keycloak-quarkus-dist:26.7.3:zip from Maven Central into the build folder;"
          + " or pass -Dkeycloak.dist=/path/to/keycloak-26.7.3, or -Dkeycloak.url=http://host:port of a"
          + " running Keycloak with src/test/resources/keycloak/integrated-sync-realm.json imported.");
    }
    Path importDir = Files.createDirectories(dist.resolve("data/import"));
    try (var realm = KeycloakServer.class.getResourceAsStream("/keycloak/integrated-sync-realm.json")) {
      Files.copy(realm, importDir.resolve("integrated-sync-realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path logFile = dist.getParent().resolve("keycloak-" + port + ".log");
    ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--db=dev-mem")
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", UUID.randomUUID().toString());
    // the machine is shared: keep the heap modest
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    // a short-lived test server: the quick JIT alone starts faster on few cores
    builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
    long started = System.nanoTime();
    Process process = builder.start();
    Running running = new Running(process, URI.create("http://127.0.0.1:" + port));
    Runtime.getRuntime().addShutdownHook(new Thread(running::close));
    baseUrl = running.url;
    try {
      awaitReady(process, logFile, STARTUP_LIMIT);
    } catch (AssertionError | RuntimeException e) {
      running.close();
      throw e;
    }
    System.out.printf("Keycloak %s ready on port %d after %.1f s (log: %s)%n",
        dist.getFileName(), port, (System.nanoTime() - started) / 1e9, logFile);
    return running;
  }

  private static void awaitReady(Process process, Path logFile, Duration limit)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        fail("Keycloak exited with code " + process.exitValue() + " before it was ready; log "
            + logFile + ":\n" + tail(logFile));
      }
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(discovery)
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    fail("Keycloak did not answer " + discovery + " within " + limit.toSeconds() + " s (a busy"
        + " machine slows its start; allow more with -Dkeycloak.startupTimeoutSeconds=N, or pass"
        + " -Dkeycloak.url=http://host:port of a running Keycloak with the test realm imported)"
        + (logFile == null ? "" : "; log " + logFile + ":\n" + tail(logFile)));
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** The started process; closing it stops Keycloak and its child processes. */
  @SuppressWarnings("deprecation")
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    final Process process;
    final URI url;

    Running(Process process, URI url) {
      this.process = process;
      this.url = url;
    }

    @Override
    public void close() {
      if (!process.isAlive()) {
        return;
      }
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
