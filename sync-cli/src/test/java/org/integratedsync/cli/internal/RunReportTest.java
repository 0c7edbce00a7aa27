package org.integratedsync.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
  @TempDir Path work;

  private static RunReport report() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("selected", 12L);
    counts.put("uploaded", 3L);
    TaskResult credinvest =
        new TaskResult(
            "credinvest",
            TaskResult.Outcome.FAILED,
            64210,
            counts,
            List.of(
                new TaskResult.FailedAccount("123456", "INTE100F", "too_many_write_operations"),
                new TaskResult.FailedAccount("654321", "INTE400F", "HTTP 500")),
            "");
    TaskResult fees =
        new TaskResult(
            "vestr-fees",
            TaskResult.Outcome.SUCCEEDED,
            30122,
            Map.of("fetched", 41L),
            List.of(),
            "2025-12-06..2026-01-05",
            new TaskResult.FeeWindow(LocalDate.of(2025, 12, 6), LocalDate.of(2026, 1, 5)));
    TaskResult snapshot = TaskResult.skipped("fee-snapshot", "--skip-fee-snapshots");
    List<TaskResult> tasks = List.of(credinvest, fees, snapshot);
    return new RunReport(
        Instant.parse("2026-01-05T17:10:00.412Z"),
        Instant.parse("2026-01-05T17:11:42.020Z"),
        RunReport.exitCodeOf(tasks),
        false,
        tasks);
  }

  @Test
  void jsonHasExactlyTheMonitoringShape() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report().toJson());

    assertThat(json.fieldNames()).toIterable()
        .containsExactly("startedAt", "finishedAt", "exitCode", "dryRun", "outcome", "tasks");
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-01-05T17:10:00.412Z");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.get("dryRun").asBoolean()).isFalse();
    assertThat(json.get("outcome").asText()).isEqualTo("failed");
    JsonNode task = json.get("tasks").get(0);
    assertThat(task.fieldNames()).toIterable()
        .containsExactly("name", "outcome", "reason", "message", "durationMs", "counts", "failedAccounts");
    assertThat(task.get("outcome").asText()).isEqualTo("failed");
    assertThat(task.get("reason").asText()).isEqualTo("2 file(s) did not reach the target");
    JsonNode fees = json.get("tasks").get(1);
    assertThat(fees.has("reason")).as("a task that succeeded has no reason").isFalse();
    assertThat(fees.get("window").toString()).isEqualTo("{\"from\":\"2025-12-06\",\"to\":\"2026-01-05\"}");
    assertThat(json.get("tasks").get(2).get("reason").asText()).isEqualTo("--skip-fee-snapshots");
    assertThat(task.get("durationMs").asLong()).isEqualTo(64210);
    assertThat(task.get("counts").get("uploaded").asLong()).isEqualTo(3);
    assertThat(task.get("failedAccounts").get(0).toString())
        .isEqualTo("{\"account\":\"123456\",\"type\":\"INTE100F\",\"error\":\"too_many_write_operations\"}");
    assertThat(json.get("tasks").get(2).get("outcome").asText()).isEqualTo("skipped");
    assertThat(json.get("tasks").get(2).get("counts").size()).isZero();
  }

  @Test
  void consoleSummaryEndsWithTheFailedAccounts() {
    List<String> lines = report().lines();

    assertThat(lines.get(1)).startsWith("  [FAIL] credinvest").contains("selected=12 uploaded=3");
    assertThat(lines.get(2)).startsWith("  [ OK ] vestr-fees");
    assertThat(lines.get(3)).startsWith("  [SKIP] fee-snapshot").contains("--skip-fee-snapshots");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("Failed account numbers: 123456 (INTE100F), 654321 (INTE400F)");
  }

  @Test
  void writesTheFileMaskedAndReplacesTheOldOne() throws Exception {
    Path file = work.resolve("logs").resolve("last-run.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old");

    report().write(file, new SecretMasker(List.of("too_many_write_operations")));

    String written = Files.readString(file);
    assertThat(written).contains("\"error\" : \"****\"").doesNotContain("too_many_write_operations");
    assertThat(new ObjectMapper().readTree(written).get("finishedAt").asText()).isEqualTo("2026-01-05T17:11:42.020Z");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aConfigurationErrorIsItsOwnOutcomeWithItsLineAndNoTasks() throws Exception {
    RunReport report =
        RunReport.configurationError(
            Instant.parse("2026-01-05T17:10:00Z"), Instant.parse("2026-01-05T17:10:01Z"), false,
            "missing setting DATABASE_URL");

    JsonNode json = new ObjectMapper().readTree(report.toJson());

    assertThat(json.get("outcome").asText()).isEqualTo("configuration-error");
    assertThat(json.get("exitCode").asInt()).isEqualTo(2);
    assertThat(json.get("error").asText()).isEqualTo("missing setting DATABASE_URL");
    assertThat(json.get("tasks").size()).isZero();
  }

  @Test
  void theFileIsReadableByOtherAccountsAndALinkAtItsNameIsReplacedNotFollowed() throws Exception {
    Path victim = work.resolve("victim.txt");
    Files.writeString(victim, "precious");
    Path file = work.resolve("logs").resolve("last-run.json");
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, victim);

    report().write(file, new SecretMasker());

    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(file)).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    assertThat(new ObjectMapper().readTree(file.toFile()).get("exitCode").asInt()).isEqualTo(1);
  }
}
