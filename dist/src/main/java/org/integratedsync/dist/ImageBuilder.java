package org.integratedsync.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the self-contained application image from the shaded jar, with the JDK's own tools:
 *
 * <ol>
 *   <li>{@code jlink}: a runtime holding only the modules the application needs (the list is in the
 *       pom, found with {@code jdeps}, so a change is reviewed);
 *   <li>{@code jpackage --type app-image}: the launcher ({@code bin/integrated-sync}, or {@code
 *       integrated-sync.exe} on Windows) with the jar and the runtime;
 *   <li>an AOT cache (JEP 483/514, JDK 25): one training run of {@code --help} through the image's
 *       own runtime and class path records the loaded and linked classes, and the launcher's
 *       configuration is told to use it. The cache checks the jar's modification time, so the jar's
 *       time is first set to a whole even second, which zip and tar both keep exactly;
 *   <li>the archive {@code integrated-sync-<version>-<os>-<arch>.tar.gz} on Linux and macOS (made by
 *       {@code tar}, which keeps the launcher's execute bit), {@code .zip} on Windows.
 * </ol>
 *
 * <p>Usage: {@code ImageBuilder <jdk> <shaded jar> <modules> <version> <work folder>}. It runs on the
 * operating system the image is for; the JDK must be 25 or later. Exits non-zero with one line on
 * standard error when a step fails.
 */
public final class ImageBuilder {

  static final String NAME = "integrated-sync";
  static final String MAIN_CLASS = "org.integratedsync.cli.IntegratedSync";
  /** The jar's time inside the image: a whole even second, which zip's 2-second clock keeps too. */
  static final Instant JAR_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private ImageBuilder() {}

  /**
   * Builds the image and its archive.
   *
   * @param args the JDK's home, the shaded jar, the comma-separated module list, the version and the
   *     work folder (the module's build folder)
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      fail("usage: ImageBuilder <jdk> <shaded jar> <modules> <version> <work folder>");
    }
    Path jdk = Path.of(args[0]);
    Path jar = Path.of(args[1]);
    String modules = args[2].replaceAll("\\s+", "");
    String version = args[3];
    Path work = Path.of(args[4]);
    int feature = featureVersion(jdk);
    if (feature < 25) {
      fail("the app image needs a JDK 25 or later for its AOT cache; got Java " + feature + " at " + jdk
          + ": pass -Ddist.jdk=/path/to/jdk-25 (for example /usr/lib/jvm/temurin-25-jdk-amd64)");
    }
    if (!Files.isRegularFile(jar)) {
      fail("no shaded jar at " + jar + ": build sync-cli first (./mvnw -B -Pdist package)");
    }
    Path out = work.resolve("image");
    deleteTree(out);
    Path input = Files.createDirectories(out.resolve("input"));
    Path appJar = input.resolve(NAME + ".jar");
    storeUncompressed(jar, appJar);
    Files.setLastModifiedTime(appJar, FileTime.from(JAR_TIME));

    Path runtime = out.resolve("runtime");
    // uncompressed: the archive's one compression stream packs the modules tighter than jlink's
    // per-class compression, and the JVM reads them without inflating
    run(work, tool(jdk, "jlink"), "--add-modules", modules, "--strip-debug", "--no-man-pages",
        "--no-header-files", "--compress", "zip-0", "--output", runtime.toString());

    Path images = out.resolve("app");
    run(work, tool(jdk, "jpackage"), "--type", "app-image", "--name", NAME, "--input", input.toString(),
        "--main-jar", NAME + ".jar", "--main-class", MAIN_CLASS, "--runtime-image", runtime.toString(),
        "--app-version", numericVersion(version), "--dest", images.toString());
    Path image = images.resolve(NAME);
    Path app = appFolder(image);
    Path imageJar = app.resolve(NAME + ".jar");
    Files.setLastModifiedTime(imageJar, FileTime.from(JAR_TIME));

    // Training run: the image's runtime, the same absolute class path as the launcher's.
    Path cache = app.resolve(NAME + ".aot");
    run(work, javaOf(image).toString(), "-XX:AOTCacheOutput=" + cache, "-cp", imageJar.toString(), MAIN_CLASS,
        "--help");
    if (!Files.isRegularFile(cache)) {
      fail("the training run made no AOT cache at " + cache);
    }
    Path cfg = app.resolve(NAME + ".cfg");
    String config = Files.readString(cfg, StandardCharsets.UTF_8);
    // $APPDIR is the launcher's own folder: the cache is found wherever the image is unpacked;
    // the JVM's own warnings (for example a cache it cannot use because the jar was replaced) go to
    // standard error, never into the tool's output
    String lines = "java-options=-XX:AOTCache=$APPDIR/" + NAME + ".aot$1java-options=-Xlog:disable$1"
        + "java-options=-Xlog:all=warning:stderr$1";
    String withCache = config.replaceFirst("\\[JavaOptions\\](\\R)",
        "[JavaOptions]$1" + lines.replace("$APPDIR", "\\$APPDIR"));
    if (withCache.equals(config)) {
      fail("the launcher configuration " + cfg + " has no [JavaOptions] section");
    }
    Files.writeString(cfg, withCache, StandardCharsets.UTF_8);

    String archiveName = NAME + "-" + version + "-" + os() + "-" + arch();
    Path archive;
    if (isWindows()) {
      archive = work.resolve(archiveName + ".zip");
      zip(images, NAME, archive);
    } else {
      archive = work.resolve(archiveName + ".tar.gz");
      run(images, "sh", "-c", "tar -cf - " + NAME + " | gzip -9 > '" + archive.toAbsolutePath() + "'");
    }
    System.out.printf("app image %s (%d MB unpacked), archive %s (%d MB)%n", image, size(image) / 1_000_000,
        archive, Files.size(archive) / 1_000_000);
  }

  /**
   * Copies a jar with every entry stored rather than deflated, in the same order: the archive around
   * the image compresses it better as one stream, and classes load without inflating.
   */
  static void storeUncompressed(Path from, Path to) throws IOException {
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(from.toFile());
        OutputStream file = Files.newOutputStream(to);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry entry : java.util.Collections.list(in.entries())) {
        byte[] bytes;
        try (InputStream body = in.getInputStream(entry)) {
          bytes = body.readAllBytes();
        }
        ZipEntry stored = new ZipEntry(entry.getName());
        stored.setMethod(ZipEntry.STORED);
        stored.setSize(bytes.length);
        stored.setCompressedSize(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        stored.setCrc(crc.getValue());
        stored.setTime(JAR_TIME.toEpochMilli());
        out.putNextEntry(stored);
        out.write(bytes);
        out.closeEntry();
      }
    }
  }

  /** The folder with the jar and the launcher's configuration: {@code lib/app}, or {@code app} on Windows. */
  static Path appFolder(Path image) {
    Path windows = image.resolve("app");
    return Files.isDirectory(windows) ? windows : image.resolve("lib").resolve("app");
  }

  private static Path javaOf(Path image) {
    Path windows = image.resolve("runtime").resolve("bin").resolve("java.exe");
    return Files.isRegularFile(windows) ? windows
        : image.resolve("lib").resolve("runtime").resolve("bin").resolve("java");
  }

  private static String tool(Path jdk, String name) {
    Path exe = jdk.resolve("bin").resolve(isWindows() ? name + ".exe" : name);
    if (!Files.isExecutable(exe)) {
      fail("the JDK at " + jdk + " has no " + name + ": use a full JDK 25 (-Ddist.jdk=…)");
    }
    return exe.toString();
  }

  /** The feature version from the JDK's {@code release} file, such as 25. */
  static int featureVersion(Path jdk) throws IOException {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release)) {
      fail("not a JDK: " + jdk + " has no release file");
    }
    Properties properties = new Properties();
    try (var in = Files.newInputStream(release)) {
      properties.load(in);
    }
    String value = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
    String first = value.split("[.+-]")[0];
    return Integer.parseInt(first.equals("1") ? value.split("\\.")[1] : first);
  }

  /** jpackage wants 1 to 3 numbers: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0}. */
  static String numericVersion(String version) {
    String numeric = version.replaceAll("[^0-9.].*$", "").replaceAll("\\.+$", "");
    return numeric.isEmpty() ? "0" : numeric;
  }

  static String os() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return name.startsWith("windows") ? "windows" : name.startsWith("mac") ? "macos" : "linux";
  }

  static String arch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
  }

  private static boolean isWindows() {
    return os().equals("windows");
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("image-builder", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 10 minutes");
      }
      if (process.exitValue() != 0) {
        fail(Path.of(command[0]).getFileName() + " failed (exit " + process.exitValue() + "): "
            + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void zip(Path root, String folder, Path archive) throws IOException {
    try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file);
        Stream<Path> files = Files.walk(root.resolve(folder))) {
      for (Path path : files.sorted().toList()) {
        String name = root.relativize(path).toString().replace('\\', '/');
        if (Files.isDirectory(path)) {
          continue;
        }
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(Files.getLastModifiedTime(path));
        zip.putNextEntry(entry);
        Files.copy(path, zip);
        zip.closeEntry();
      }
    }
  }

  private static long size(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        all.add(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
        all.add(dir);
        return FileVisitResult.CONTINUE;
      }
    });
    all.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path path : all) {
      Files.delete(path);
    }
  }

  private static void fail(String message) {
    System.err.println("image: " + message);
    System.exit(1);
  }
}
