package org.integratedsync.consumercheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/embedding.md quotes the consumer example exactly, and the example names the project's
 * version once, on the BOM. (That the example builds and its tests pass is checked by the invoker
 * run of this module's integration-test phase.)
 */
class ConsumerExampleDocTest {

  /** Tests run in the module's folder. */
  private static final Path CONSUMER = Path.of("..", "docs", "examples", "consumer");
  private static final Path EMBEDDING_DOC = Path.of("..", "docs", "embedding.md");

  @Test
  void embeddingQuotesTheConsumersPomAndCode() throws IOException {
    String doc = Files.readString(EMBEDDING_DOC);

    assertThat(doc).contains("```xml\n" + region(CONSUMER.resolve("pom.xml"), "bom") + "\n```\n");
    assertThat(doc).contains("```java\n"
        + region(CONSUMER.resolve("src/main/java/com/example/reports/ReportMirror.java"), "select-and-mirror")
        + "\n```\n");
  }

  @Test
  void onlyTheBomCarriesTheProjectVersion() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(CONSUMER.resolve("pom.xml").toFile());

    String versionProperty = text((Element) pom.getElementsByTagName("properties").item(0), "integrated-sync.version");
    assertThat(versionProperty).as("the consumer's integrated-sync.version")
        .isEqualTo(System.getProperty("project.version"));
    NodeList dependencies = pom.getElementsByTagName("dependency");
    List<String> ours = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (text(dependency, "groupId").equals("org.integratedsync")) {
        String artifact = text(dependency, "artifactId");
        ours.add(artifact);
        if (artifact.equals("integrated-sync-bom")) {
          assertThat(text(dependency, "version")).isEqualTo("${integrated-sync.version}");
          assertThat(text(dependency, "scope")).isEqualTo("import");
        } else {
          assertThat(dependency.getElementsByTagName("version").getLength()).as(artifact + " has no version").isZero();
        }
      }
    }
    assertThat(ours).containsExactly("integrated-sync-bom", "credinvest-core", "dropbox-uploader", "testkit");
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  /** The lines between {@code tag::name[]} and {@code end::name[]}, indentation removed. */
  private static String region(Path file, String name) throws IOException {
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : Files.readAllLines(file)) {
      if (line.contains("tag::" + name + "[]")) {
        inside = true;
        found = true;
      } else if (line.contains("end::" + name + "[]")) {
        inside = false;
      } else if (inside) {
        lines.add(line);
      }
    }
    assertThat(found).as("region " + name + " in " + file).isTrue();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> dedented = new ArrayList<>();
    for (String line : lines) {
      dedented.add(line.isBlank() ? "" : line.substring(indent));
    }
    return String.join("\n", dedented);
  }
}
