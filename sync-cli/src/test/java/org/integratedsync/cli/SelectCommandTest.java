package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectCommandTest {
  @TempDir Path work;

  @Test
  void printsEachDecisionOfTheSampleInboxAsText() {
    CliRun run = CliRun.run(work, Map.of(), "select", "--source-dir", CliRun.sampleInbox().toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out)
        .contains("Selected (6):")
        .contains("  INTE100F  2025-12-15 17:05:01  100234-20251215170501-INTE100F.xlsx\n")
        .contains("  PAIR_GAP      100457-20251213090000-INTE400F.xlsx: older than 100457 100F")
        .contains("  STALE         200118-20251211080000-INTE100F.xlsx: older than")
        .contains("  UNRECOGNISED  notes.txt: does not end in .xlsx\n");
    assertThat(work.resolve("logs")).doesNotExist();
  }

  @Test
  void printsJsonWithTimestampsAlwaysWithSeconds() throws Exception {
    CliRun run =
        CliRun.run(work, Map.of(), "select", "--json", "--source-dir", CliRun.sampleInbox().toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out);
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("selected", "skipped");
    JsonNode first = json.get("selected").get(0);
    assertThat(first.get("name").asText()).isEqualTo("100234-20251215170501-INTE100F.xlsx");
    assertThat(first.get("account").asText()).isEqualTo("100234");
    assertThat(first.get("type").asText()).isEqualTo("INTE100F");
    assertThat(first.get("timestamp").asText()).isEqualTo("2025-12-15T17:05:01");
    // an 8-digit timestamp is midnight, still written with seconds
    assertThat(json.get("selected").findValuesAsText("timestamp")).contains("2025-12-15T00:00:00", "2025-12-15T17:02:00");
    assertThat(json.get("selected")).hasSize(6);
    assertThat(json.get("skipped").findValuesAsText("reason"))
        .contains("SUPERSEDED", "PAIR_GAP", "STALE", "UNRECOGNISED");
    JsonNode stale = json.get("skipped").get(4);
    assertThat(stale.get("name").asText()).isEqualTo("200118-20251211080000-INTE100F.xlsx");
    assertThat(stale.get("detail").asText()).contains("staleness limit of 3 days");
  }

  @Test
  void readsTheSourceFolderFromTheEnvironment() {
    CliRun run =
        CliRun.run(
            work,
            Map.of("INTEGRATED_SYNC_SOURCE_DIR", CliRun.sampleInbox().toString()),
            "select");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.out).contains("Selected (6):");
  }

  @Test
  void aMissingSourceFolderIsAConfigurationError() {
    CliRun run = CliRun.run(work, Map.of(), "select", "--source-dir", "no-such-folder");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err.strip()).startsWith("integrated-sync: --source-dir is not a folder").doesNotContain("\n");
  }

  @Test
  void withoutSourceFolderItNeedsTheSftpSettings() {
    CliRun run = CliRun.run(work, Map.of(), "select");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("CREDINVEST_SFTP_HOST");
  }

  @Test
  void anEmptyFolderSelectsNothing() throws Exception {
    Path empty = Files.createDirectory(work.resolve("empty"));
    CliRun run = CliRun.run(work, Map.of(), "select", "--json", "--source-dir", empty.toString());

    assertThat(run.exitCode).isZero();
    assertThat(run.out.strip()).isEqualTo("{\"selected\":[],\"skipped\":[]}");
  }
}
