package org.integratedsync.feestore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A list of SQL statements read from {@code sql/<name>.sql} next to this class; statements end with a
 * semicolon at the end of a line, and {@code --} comment lines are dropped. Immutable.
 */
final class SqlScript {

  private final String name;
  private final List<String> statements;

  private SqlScript(String name, List<String> statements) {
    this.name = name;
    this.statements = List.copyOf(statements);
  }

  static SqlScript load(String name) {
    String resource = "sql/" + name + ".sql";
    try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("--") || trimmed.isEmpty()) {
          continue;
        }
        if (trimmed.endsWith(";")) {
          current.append(line, 0, line.lastIndexOf(';'));
          statements.add(current.toString().strip());
          current.setLength(0);
        } else {
          current.append(line).append('\n');
        }
      }
      if (!current.toString().isBlank()) {
        statements.add(current.toString().strip());
      }
      return new SqlScript(name, statements);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Runs every statement in order on the handle, binding the named arguments each one uses, and returns
   * the last statement's row count.
   */
  int run(Handle handle, Map<String, ?> arguments) {
    int count = 0;
    for (String statement : statements) {
      count = handle.createUpdate(statement).bindMap(arguments).execute();
    }
    return count;
  }

  /** Returns the single statement of a one-statement script. */
  String single() {
    if (statements.size() != 1) {
      throw new IllegalStateException(name + " holds " + statements.size() + " statements");
    }
    return statements.get(0);
  }

  @Override
  public String toString() {
    return name;
  }
}
