package org.integratedsync.testkit.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tagged regions of an example test, the way docs/embedding.md quotes them, so a test
 * can check that the documentation still shows exactly the code that runs.
 */
public final class DocSnippets {
  /** The page that quotes the examples; tests run in the module's folder. */
  public static final Path EMBEDDING_DOC = Path.of("..", "docs", "embedding.md");

  private DocSnippets() {}

  /**
   * Returns the lines between {@code // tag::name[]} and {@code // end::name[]} in the source of
   * {@code testClass} (read from the module's {@code src/test/java}), indentation removed.
   *
   * @throws IOException if the source cannot be read
   */
  public static String region(Class<?> testClass, String tag) throws IOException {
    Path source = Path.of("src", "test", "java",
        testClass.getName().replace('.', '/') + ".java");
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    for (String line : Files.readAllLines(source)) {
      if (line.strip().equals("// tag::" + tag + "[]")) {
        inside = true;
      } else if (line.strip().equals("// end::" + tag + "[]")) {
        inside = false;
      } else if (inside) {
        lines.add(line);
      }
    }
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> dedented = new ArrayList<>();
    for (String line : lines) {
      dedented.add(line.isBlank() ? "" : line.substring(indent));
    }
    return String.join("\n", dedented);
  }
}
