package org.integratedsync.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.vestr.VestrFake;

/**
 * Scenario 7: 1,000,000 fee deductions from the Vestr fake's GraphQL endpoint, through
 * vestr-client (login, cursor pages) into an empty fee store, in a child JVM limited to
 * {@code -Xmx256m}. Goal: it completes; records per second are reported. The fake runs in this JVM,
 * so only the client and the store count against the child's heap.
 */
final class VestrIngestScenario implements Scenario {

  static final long RECORDS = 1_000_000;
  static final String HEAP_LIMIT = "-Xmx256m";

  @Override
  public String name() {
    return "vestr";
  }

  @Override
  public List<Row> run(RunContext context) throws Exception {
    LocalDate first = FeeData.FIRST_DAY;
    LocalDate last = FeeData.lastDay(RECORDS);
    PostgresDatabase database = context.fixtures().newDatabase("vestr");
    FeeStore.create(database.dataSource()).migrate();
    try (VestrFake fake = VestrFake.builder().records(RECORDS).products(FeeData.PRODUCTS)
        .bookingDates(first, last).accessTokenLifetime(Duration.ofMinutes(30)).build().start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classPath = Path.of(VestrIngestScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
      List<String> command = List.of(java, HEAP_LIMIT, "-cp", classPath, VestrIngestChild.class.getName(),
          fake.issuer().toString(), fake.clientId(), fake.redirectUri().toString(), fake.graphqlUrl().toString(),
          fake.username(), first.toString(), last.toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("BENCH_VESTR_PASSWORD", fake.password());
      builder.environment().put("BENCH_VESTR_OTP_SECRET", fake.otpSecret());
      builder.environment().put("BENCH_DATABASE_URL", database.jdbcUrlWithCredentials());
      long start = System.nanoTime();
      Process child = builder.start();
      Map<String, Long> result = new HashMap<>();
      List<String> output = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          output.add(line);
          if (line.startsWith("RESULT ")) {
            for (String pair : line.substring(7).split(" ")) {
              String[] kv = pair.split("=");
              result.put(kv[0], Long.parseLong(kv[1]));
            }
          }
        }
      }
      int exit = child.waitFor();
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      if (exit != 0 || !result.containsKey("records")) {
        return List.of(new Row("7. 1,000,000 records GraphQL fake → vestr-client → store, " + HEAP_LIMIT, wall,
            "did not complete", null, "", "", "", "completes with " + HEAP_LIMIT, "no",
            "child exited with " + exit + "; its output: " + String.join(" / ", output)));
      }
      Duration took = Duration.ofMillis(result.get("millis"));
      boolean complete = result.get("records") == RECORDS && result.get("inserted") == RECORDS;
      return List.of(new Row("7. 1,000,000 records GraphQL fake → vestr-client → store, " + HEAP_LIMIT, took,
          Stats.rate(Stats.perSecond(result.get("records"), took), "records"), null, "", "",
          Stats.megabytes(result.get("peakUsed")) + " (live " + Stats.megabytes(result.get("peakLive")) + ") of "
              + Stats.megabytes(result.get("maxHeap")),
          "completes with " + HEAP_LIMIT + ", records/s", Row.verdict(complete),
          String.format(Locale.ROOT, "1 run (it takes minutes here): %d records in %d pages of %d, %d inserted;"
                  + " time from login to commit inside the child (JVM start included: %s), of which %s fetching"
                  + " and spooling the pages and %s the commit. The fake serves from this JVM; the child holds"
                  + " only the client and the store", result.get("records"), result.get("pages"),
              VestrIngestChild.PAGE_SIZE, result.get("inserted"), Stats.time(wall),
              Stats.time(took.minusMillis(result.get("commitMillis"))),
              Stats.time(Duration.ofMillis(result.get("commitMillis"))))));
    } finally {
      context.fixtures().drop(database);
    }
  }
}
