package org.integratedsync.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmark scenarios and prints one markdown table on standard output (progress goes to
 * standard error).
 *
 * <pre>
 * java -jar benchmarks.jar                      all scenarios
 * java -jar benchmarks.jar selection task1      only these
 * java -jar benchmarks.jar --reps 5 task1        5 repetitions of our side (default 3)
 * java -jar benchmarks.jar --baseline-reps 0    skip the minutes-long old-tool baseline (default: 1 run)
 * </pre>
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  /**
   * Runs the selected scenarios.
   *
   * @param args scenario names and options, as above
   */
  public static void main(String[] args) {
    Map<String, Scenario> all = new LinkedHashMap<>();
    for (Scenario scenario : List.<Scenario>of(new SelectionScenario(), new Task1Scenario(), new FeeLoadScenario(),
        new ResyncScenario(), new SnapshotScenario(), new VestrIngestScenario(), new SftpVsRcloneScenario(),
        new HeadlineScenario())) {
      all.put(scenario.name(), scenario);
    }
    // diagnostics, run only when named
    Map<String, Scenario> diagnostics = Map.of("resync-analyzed", new ResyncScenario(true));
    int reps = 3;
    int baselineReps = 1;
    List<Scenario> chosen = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--baseline-reps" -> baselineReps = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println("usage: java -jar benchmarks.jar [--reps N] [--baseline-reps N] [scenario…]");
          System.out.println("scenarios: " + String.join(" ", all.keySet()));
          System.out.println("diagnostics (only when named): " + String.join(" ", diagnostics.keySet()));
          return;
        }
        default -> {
          Scenario scenario = all.getOrDefault(args[i], diagnostics.get(args[i]));
          if (scenario == null) {
            System.err.println("unknown scenario '" + args[i] + "'; known: " + String.join(" ", all.keySet()));
            System.exit(2);
          }
          chosen.add(scenario);
        }
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(all.values());
    }

    long begin = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    String machine;
    try (Fixtures fixtures = new Fixtures()) {
      RunContext context = new RunContext(reps, baselineReps, fixtures);
      for (Scenario scenario : chosen) {
        System.err.println("== " + scenario.name());
        long start = System.nanoTime();
        try {
          rows.addAll(scenario.run(context));
        } catch (Exception | Error e) {
          e.printStackTrace();
          rows.add(Row.failed(scenario.name(), "", e.toString()));
        }
        System.err.println("   (" + Stats.time(Duration.ofNanos(System.nanoTime() - start)) + ")");
      }
      machine = Machine.describe(fixtures.postgresVersion());
    }
    System.out.println();
    System.out.print(Table.render(rows));
    System.out.println();
    System.out.println(machine + "; whole run " + Stats.time(Duration.ofNanos(System.nanoTime() - begin))
        + "; --reps " + reps + " (each row's note says how many runs it took).");
    // the fakes and the SSH server leave non-daemon threads behind
    System.exit(0);
  }
}
