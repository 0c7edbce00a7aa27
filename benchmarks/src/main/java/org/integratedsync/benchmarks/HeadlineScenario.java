package org.integratedsync.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.vestr.VestrFake;

/**
 * {@code headline}: the whole daily run as one process, {@code java -jar integrated-sync.jar} with no
 * option, the way the scheduler starts it: task 1 selects 300 of 1,200 files on the SFTP server and
 * mirrors them into the Dropbox fake (30 ms latency, write-lock contention, yesterday's 300 reports
 * in {@code /cred}); task 2 logs in to the Vestr fake and syncs the last 30 days, 30,000 fee
 * deductions, into PostgreSQL; task 3 rebuilds the snapshot. Goal: at most 15 s, where the old
 * tool's pacing alone (0.5 s after each of 300 uploads) is 150 s. Each repetition starts from a
 * fresh Dropbox holding yesterday's files; the store keeps what the first repetition loaded, as on a
 * real second day.
 */
final class HeadlineScenario implements Scenario {

  static final int FEE_RECORDS = 30_000;
  static final int PRODUCTS = 200;
  private static final Duration OLD_TOOL_PACING = Duration.ofMillis(500L * 300);
  private static final String GOAL = "≤ 15 s";

  @Override
  public String name() {
    return "headline";
  }

  @Override
  public List<Row> run(RunContext context) throws Exception {
    Path jar = Path.of(System.getProperty("integratedsync.jar", "sync-cli/target/integrated-sync.jar"));
    if (!Files.isRegularFile(jar)) {
      return List.of(Row.failed(name(), GOAL, "no shaded jar at " + jar.toAbsolutePath() + ": ./mvnw -B package first"));
    }
    Path scratch = context.fixtures().scratch();
    PostgresDatabase database = context.fixtures().newDatabase("headline");
    LocalDate today = LocalDate.now();
    List<Duration> times = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (Task1Setup world = new Task1Setup(Files2.freshFolder(scratch, "headline-sftp"), 4);
        VestrFake vestr = VestrFake.builder().records(FEE_RECORDS).products(PRODUCTS)
            .bookingDates(today.minusDays(30), today).build().start()) {
      for (int rep = 0; rep < context.reps(); rep++) {
        try (FakeDropbox dropbox = world.freshDropbox()) {
          dropbox.setCredentials(FakeDropbox.APP_KEY, "bench-app-secret", "bench-refresh-token");
          Path work = Files2.freshFolder(scratch, "headline-work");
          ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-jar", jar.toAbsolutePath().toString()).directory(work.toFile());
          Map<String, String> env = builder.environment();
          env.put("CREDINVEST_SFTP_HOST", world.sftp().host());
          env.put("CREDINVEST_SFTP_PORT", Integer.toString(world.sftp().port()));
          env.put("CREDINVEST_SFTP_USERNAME", Task1Setup.USER);
          env.put("CREDINVEST_SFTP_PASSWORD", Task1Setup.PASSWORD);
          env.put("CREDINVEST_SFTP_HOST_KEY", world.sftp().hostKeyFingerprint());
          env.put("DROPBOX_BASE_URL", dropbox.baseUrl());
          env.put("DROPBOX_APP_KEY", FakeDropbox.APP_KEY);
          env.put("DROPBOX_APP_SECRET", "bench-app-secret");
          env.put("DROPBOX_REFRESH_TOKEN", "bench-refresh-token");
          env.put("DROPBOX_FOLDER", Task1Setup.FOLDER);
          env.put("VESTR_URL", vestr.url().toString());
          env.put("VESTR_AUTH_MODE", "oidc");
          env.put("VESTR_OIDC_ISSUER", vestr.issuer().toString());
          env.put("VESTR_OIDC_CLIENT_ID", vestr.clientId());
          env.put("VESTR_OIDC_REDIRECT_URI", vestr.redirectUri().toString());
          env.put("VESTR_GRAPHQL_URL", vestr.graphqlUrl().toString());
          env.put("VESTR_USERNAME", vestr.username());
          env.put("VESTR_PASSWORD", vestr.password());
          env.put("VESTR_OTP_SECRET", vestr.otpSecret());
          env.put("DATABASE_URL", database.jdbcUrlWithCredentials());
          Path log = work.resolveSibling("headline-console.txt");
          builder.redirectErrorStream(true).redirectOutput(log.toFile());

          long start = System.nanoTime();
          Process process = builder.start();
          if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the daily run did not finish in 10 minutes");
          }
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          String console = Files.readString(log, StandardCharsets.UTF_8);
          if (process.exitValue() != 0) {
            throw new IllegalStateException("the daily run exited with " + process.exitValue() + ": "
                + console.substring(Math.max(0, console.length() - 2000)));
          }
          int wrong = world.lostOrWrong(dropbox);
          long records = count(database, "select count(*) from vestr_fee_records");
          if (wrong != 0 || records != FEE_RECORDS) {
            problems.add("run " + (rep + 1) + ": " + wrong + " files lost or wrong, " + records + " fee records");
          }
          times.add(took);
          System.err.printf("   run %d: %s%n", rep + 1, Stats.time(took));
        }
      }
    }
    Duration median = Stats.median(times);
    boolean met = median.compareTo(Duration.ofSeconds(15)) <= 0 && problems.isEmpty();
    return List.of(new Row("Daily run, one process: 300 of 1,200 files SFTP → Dropbox fake (30 ms, contention),"
        + " 30-day fee sync of 30,000 records, snapshot", median, "", OLD_TOOL_PACING, "old tool's pacing alone",
        Stats.speedup(median, OLD_TOOL_PACING), "", GOAL, Row.verdict(met),
        times.size() + " runs (" + Stats.reps(times) + "); the first loads the 30,000 records, later ones find"
            + " them unchanged" + (problems.isEmpty() ? "; every file landed, every record stored"
                : "; PROBLEMS: " + String.join("; ", problems))));
  }

  private static long count(PostgresDatabase database, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrlWithCredentials());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
