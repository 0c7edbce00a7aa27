package org.integratedsync.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.postgres.PostgresDatabase;

/**
 * Reads the throwaway cluster's server log to show which statements a library ran and how long
 * each took, without touching the library: the database is told to log every statement slower
 * than a threshold. Works only with the local throwaway cluster (its log sits next to its data
 * folder). Not thread-safe.
 */
final class ServerLog {

  private final Path file;
  private long offset;

  private ServerLog(Path file) {
    this.file = file;
    this.offset = size(file);
  }

  /**
   * Makes new sessions of {@code database} log statements slower than {@code threshold} and starts
   * reading the log from its current end; empty when the log cannot be found.
   */
  static java.util.Optional<ServerLog> watch(PostgresDatabase database, Duration threshold) {
    return watch(database, threshold, false);
  }

  /**
   * As {@link #watch(PostgresDatabase, Duration)}; with {@code plans}, also logs the executed plan of
   * every statement slower than the threshold (auto_explain with ANALYZE), nested ones included.
   */
  static java.util.Optional<ServerLog> watch(PostgresDatabase database, Duration threshold, boolean plans) {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      String alter = "ALTER DATABASE \"" + database.name() + "\" SET ";
      statement.execute(alter + "log_min_duration_statement = " + threshold.toMillis());
      if (plans) {
        statement.execute(alter + "session_preload_libraries = 'auto_explain'");
        statement.execute(alter + "auto_explain.log_min_duration = " + threshold.toMillis());
        statement.execute(alter + "auto_explain.log_analyze = on");
        statement.execute(alter + "auto_explain.log_nested_statements = on");
      }
      try (ResultSet rows = statement.executeQuery("SHOW data_directory")) {
        rows.next();
        Path log = Path.of(rows.getString(1)).getParent().resolve("server.log");
        return Files.isReadable(log) ? java.util.Optional.of(new ServerLog(log)) : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      return java.util.Optional.empty();
    }
  }

  /** The "duration:" lines written since the last call, each with the start of its statement. */
  List<String> slowStatements() {
    List<String> out = new ArrayList<>();
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(offset);
      byte[] bytes = new byte[(int) (in.length() - offset)];
      in.readFully(bytes);
      offset += bytes.length;
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        int at = lines[i].indexOf("duration:");
        if (at < 0) {
          continue;
        }
        StringBuilder statement = new StringBuilder(lines[i].substring(at));
        if (lines[i].contains("plan:")) {
          // an auto_explain plan: keep its lines as they are
          out.add(lines[i].substring(at));
          for (int j = i + 1; j < lines.length && j <= i + 80 && lines[j].startsWith("\t"); j++) {
            String line = lines[j].replace("\t", "  ");
            out.add(line.length() > 200 ? line.substring(0, 200) + "…" : line);
          }
          continue;
        }
        for (int j = i + 1; j < lines.length && j <= i + 3 && lines[j].startsWith("\t"); j++) {
          statement.append(' ').append(lines[j].strip());
        }
        String text = statement.toString().replaceAll("\\s+", " ");
        out.add(text.length() > 220 ? text.substring(0, 220) + "…" : text);
      }
    } catch (IOException e) {
      out.add("(cannot read " + file + ": " + e + ")");
    }
    return out;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
