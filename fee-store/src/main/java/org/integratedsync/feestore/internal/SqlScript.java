package org.integratedsync.feestore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A list of SQL statements read from a resource, split into statements by Jdbi's script parser (which
 * knows quoted text, {@code --} and block comments and {@code BEGIN … END} blocks). It does not know
 * PostgreSQL's dollar quoting: a function body belongs in a Flyway migration, which Flyway parses
 * itself. The text is split on first use (the parser works through a handle). Thread-safe.
 */
final class SqlScript {

  private final String name;
  private final String text;
  private volatile List<String> statements;

  private SqlScript(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** Loads {@code sql/<name>.sql} next to this class. */
  static SqlScript load(String name) {
    return fromResource("sql/" + name + ".sql");
  }

  /**
   * Loads a resource, relative to this class's package unless it starts with {@code /}.
   *
   * @throws IllegalStateException if it is missing
   */
  static SqlScript fromResource(String resource) {
    try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** A script of {@code text}, named {@code name} in messages. */
  static SqlScript parse(String name, String text) {
    return new SqlScript(name, text);
  }

  /**
   * Runs every statement in order on the handle, binding the named arguments each one uses, and returns
   * the last statement's row count.
   */
  int run(Handle handle, Map<String, ?> arguments) {
    int count = 0;
    for (String statement : statements(handle)) {
      count = handle.createUpdate(statement).bindMap(arguments).execute();
    }
    return count;
  }

  /** Returns the statements in order, comments dropped, split with the handle's script parser. */
  List<String> statements(Handle handle) {
    List<String> split = statements;
    if (split == null) {
      split = List.copyOf(handle.createScript(text).getStatements());
      statements = split;
    }
    return split;
  }

  @Override
  public String toString() {
    return name;
  }
}
