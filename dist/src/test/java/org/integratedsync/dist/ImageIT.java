package org.integratedsync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive as a user gets it: unpacked into an empty folder and run with {@code PATH} and {@code
 * JAVA_HOME} cleared, so nothing but the image's own runtime can start it.
 */
class ImageIT {

  /** The six reports the README's first command mirrors from the sample inbox. */
  private static final List<String> SELECTED = List.of(
      "100234-20251215170501-INTE100F.xlsx", "100234-20251215170502-INTE400F.xlsx",
      "100457-20251215171000-INTE100F.xlsx", "300901-202512151702-INTE100F.xlsx",
      "300901-20251215-INTE400F.xlsx", "300902-20251214120000-inte400f.XLSX");

  @TempDir static Path unpacked;
  private static Path launcher;

  @TempDir Path work;

  @BeforeAll
  static void unpack() throws Exception {
    Path folder = Path.of(System.getProperty("integratedsync.image.folder", "target"));
    Path archive;
    try (Stream<Path> files = Files.list(folder)) {
      archive = files.filter(p -> p.getFileName().toString().matches("integrated-sync-.*\\.(tar\\.gz|zip)"))
          .findFirst().orElse(null);
    }
    if (archive == null) {
      fail("no integrated-sync-*.tar.gz or .zip in " + folder.toAbsolutePath()
          + ": the image is built by ./mvnw -B -Pdist -Ddist.jdk=/path/to/jdk-25 verify");
    }
    if (archive.toString().endsWith(".zip")) {
      unzip(archive, unpacked);
    } else {
      run(unpacked, Map.of("PATH", "/usr/bin:/bin"), "tar", "-xzf", archive.toAbsolutePath().toString());
    }
    Path image = unpacked.resolve(ImageBuilder.NAME);
    Path windows = image.resolve(ImageBuilder.NAME + ".exe");
    launcher = Files.isRegularFile(windows) ? windows : image.resolve("bin").resolve(ImageBuilder.NAME);
    assertThat(launcher).isExecutable();
  }

  private static Map<String, String> noJava(Path home) {
    Map<String, String> env = new TreeMap<>();
    env.put("PATH", "");
    env.put("JAVA_HOME", "");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    return env;
  }

  @Test
  void printsItsVersionAndHelpWithoutAnyJavaOnThePath() throws Exception {
    Result version = run(work, noJava(work), launcher.toString(), "--version");
    Result help = run(work, noJava(work), launcher.toString(), "--help");

    assertThat(version.exit).as(version.output).isZero();
    assertThat(version.output).contains("integrated-sync");
    assertThat(help.exit).as(help.output).isZero();
    assertThat(help.output).contains("--source-dir", "--target-dir", "--dry-run");
  }

  @Test
  void usesItsAotCacheWhereverItIsUnpacked() throws Exception {
    Map<String, String> env = noJava(work);
    // with AOTMode=on the JVM refuses to start unless it can use the cache (the default, auto, would
    // quietly start without it when the class path or the jar's time no longer match)
    env.put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");

    Result help = run(work, env, launcher.toString(), "--help");

    assertThat(help.exit).as(help.output).isZero();
    assertThat(help.output).contains("--source-dir");
  }

  @Test
  void aCacheTheJvmCannotUseIsReportedOnStandardErrorOnly(@TempDir Path copy) throws Exception {
    // the same image with its jar touched: the cache no longer matches and the JVM says so
    Path image = copy.resolve("image");
    run(copy, Map.of("PATH", "/usr/bin:/bin"), "cp", "-rp", unpacked.resolve(ImageBuilder.NAME).toString(),
        image.toString());
    Path jar = ImageBuilder.appFolder(image).resolve(ImageBuilder.NAME + ".jar");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(ImageBuilder.JAR_TIME.plusSeconds(2)));
    Path launcherCopy = image.resolve("bin").resolve(ImageBuilder.NAME);

    ProcessBuilder builder = new ProcessBuilder(launcherCopy.toString(), "--version").directory(work.toFile());
    builder.environment().clear();
    builder.environment().putAll(noJava(work));
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(out)).startsWith("integrated-sync ").doesNotContain("[aot]");
    assertThat(Files.readString(err)).contains("[aot]");
  }

  @Test
  void theReadmesFirstRunMirrorsTheSixSampleReports() throws Exception {
    Path inbox = Path.of(System.getProperty("integratedsync.repo", "..")).resolve("docs/examples/inbox")
        .toAbsolutePath();
    Path target = work.resolve("cred");

    Result run = run(work, noJava(work), launcher.toString(), "--source-dir", inbox.toString(), "--target-dir",
        target.toString(), "--skip-vestr-fees", "--skip-fee-snapshots");

    assertThat(run.exit).as(run.output).isZero();
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(SELECTED);
    }
    for (String name : SELECTED) {
      assertThat(Files.readAllBytes(target.resolve(name))).as(name).isEqualTo(Files.readAllBytes(inbox.resolve(name)));
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Path out = Files.createTempFile("image-it", ".out");
    builder.redirectOutput(out.toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 2 minutes");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    return new Result(process.exitValue(), output);
  }

  private static void unzip(Path archive, Path into) throws IOException {
    try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
      ZipEntry entry;
      List<Path> written = new ArrayList<>();
      while ((entry = zip.getNextEntry()) != null) {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into)) {
          throw new IOException("entry outside the folder: " + entry.getName());
        }
        Files.createDirectories(path.getParent());
        Files.copy(zip, path);
        Files.setLastModifiedTime(path, entry.getLastModifiedTime());
        written.add(path);
      }
      written.forEach(p -> p.toFile().setExecutable(true));
    }
  }
}
