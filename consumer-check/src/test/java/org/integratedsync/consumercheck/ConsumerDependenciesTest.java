package org.integratedsync.consumercheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An application that imports the BOM gets the third-party versions the modules are tested with.
 * The parent's dependencyManagement pins them for this build, but it does not reach an application:
 * there only the libraries' published POMs and Maven's nearest-wins rule decide.
 *
 * <p>Both lists are written before the tests run: {@code tested-dependencies.txt} by this module
 * (which depends on every library, under the parent), {@code consumer-dependencies.txt} by the
 * consumer example's build (see the invoker plugin in this module's pom).
 */
class ConsumerDependenciesTest {

  @Test
  void theConsumerResolvesEveryArtifactAtTheVersionTheBuildTests() throws IOException {
    Map<String, String> tested = versions(Path.of(System.getProperty("tested.dependencies")));
    Map<String, String> consumer = versions(Path.of(System.getProperty("consumer.dependencies")));

    assertThat(consumer).as("the consumer's classpath").containsKeys(
        "org.integratedsync:credinvest-core:jar", "org.integratedsync:dropbox-uploader:jar",
        "org.integratedsync:testkit:jar", "com.hierynomus:sshj:jar", "com.dropbox.core:dropbox-core-sdk:jar");
    List<String> differing = new ArrayList<>();
    consumer.forEach((artifact, version) -> {
      String testedVersion = tested.get(artifact);
      if (testedVersion != null && !testedVersion.equals(version)) {
        differing.add(artifact + ": consumer " + version + ", tested " + testedVersion);
      }
    });
    assertThat(differing).as("artifacts a consumer gets at another version than the build tests").isEmpty();
  }

  /**
   * Reads the output of {@code dependency:list}: lines such as
   * {@code   group:artifact:jar:1.0:compile -- module name}, with a classifier before the version
   * where there is one.
   */
  private static Map<String, String> versions(Path list) throws IOException {
    assertThat(list).as("written by the build before the tests").isRegularFile();
    Map<String, String> versions = new TreeMap<>();
    for (String line : Files.readAllLines(list)) {
      String coordinates = line.split(" -- ", 2)[0].strip();
      String[] parts = coordinates.split(":");
      if (parts.length < 5 || coordinates.contains(" ")) {
        continue; // the heading and blank lines
      }
      String version = parts[parts.length - 2];
      String artifact = String.join(":", List.of(parts).subList(0, parts.length - 2));
      versions.put(artifact, version);
    }
    assertThat(versions).as("artifacts listed in " + list).isNotEmpty();
    return versions;
  }
}
