package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny file system of its own (a size-limited tmpfs), so a download can really run out of
 * space. Mounting needs root (or CAP_SYS_ADMIN); without it the test fails with a message saying
 * so rather than being skipped.
 */
final class SmallFileSystem implements AutoCloseable {
  private final Path root;

  private SmallFileSystem(Path root) {
    this.root = root;
  }

  /** Mounts a tmpfs of {@code bytes} at {@code mountPoint} (created). */
  static SmallFileSystem create(Path mountPoint, long bytes) throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    String output = exec(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString()));
    if (output != null) {
      fail("cannot mount a " + bytes + "-byte tmpfs at " + mountPoint + " (" + output.strip() + "): the full-disk"
          + " scenario needs root or CAP_SYS_ADMIN, as in the project's CI container; run the build as root"
          + " or in a container started with --cap-add SYS_ADMIN");
    }
    return new SmallFileSystem(mountPoint);
  }

  Path root() {
    return root;
  }

  @Override
  public void close() throws Exception {
    String output = exec(List.of("umount", root.toString()));
    if (output != null) {
      throw new IOException("cannot unmount " + root + ": " + output);
    }
  }

  /** Runs a command; returns null on success, else its output and exit code. */
  private static String exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return command + " did not finish";
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
  }
}
