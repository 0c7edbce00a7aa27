package org.integratedsync.cli.reliability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny file system of its own (a size-limited tmpfs), so a download can really run out of space.
 *
 * <p>As root the tmpfs is mounted at the mount point for the test and the CLI process alike. As any
 * other user it is mounted inside an unprivileged user and mount namespace that only the CLI process
 * sees ({@code unshare --user --map-root-user --mount}, from util-linux): start the process through
 * {@link #launcher()}; what the tmpfs holds when the process ends is copied to {@link
 * #contentsAfterRun()} before the namespace, and the tmpfs with it, goes away. Where neither works (a
 * kernel without unprivileged user namespaces) the test fails with a message saying so and how to run
 * it; it is never skipped.
 */
final class SmallFileSystem implements AutoCloseable {
  /** Mounts the tmpfs in the new namespace, runs the command, copies the tmpfs out, keeps the exit code. */
  private static final String IN_NAMESPACE = "mount -t tmpfs -o size=\"$2\" tmpfs \"$1\" || exit 97; "
      + "mounted=\"$1\"; copy=\"$3\"; shift 3; \"$@\"; code=$?; cp -a \"$mounted\"/. \"$copy\"/; exit $code";

  private final Path mountPoint;
  private final long bytes;
  private final boolean root;
  private final Path contentsAfterRun;

  private SmallFileSystem(Path mountPoint, long bytes, boolean root, Path contentsAfterRun) {
    this.mountPoint = mountPoint;
    this.bytes = bytes;
    this.root = root;
    this.contentsAfterRun = contentsAfterRun;
  }

  /** Prepares a tmpfs of {@code bytes} at {@code mountPoint} (created); as root, mounts it. */
  static SmallFileSystem create(Path mountPoint, long bytes) throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    if (isRoot()) {
      String output = exec(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString()));
      if (output != null) {
        fail("cannot mount a " + bytes + "-byte tmpfs at " + mountPoint + " as root (" + output.strip() + "): the"
            + " full-disk scenario needs CAP_SYS_ADMIN; in a container, start it with --cap-add SYS_ADMIN, or run"
            + " the build as an ordinary user, which mounts the tmpfs in its own user namespace");
      }
      return new SmallFileSystem(mountPoint, bytes, true, mountPoint);
    }
    // The same mount the CLI process will get, tried once so that a missing feature reads as such.
    String output = exec(List.of("unshare", "--user", "--map-root-user", "--mount", "mount", "-t", "tmpfs", "-o",
        "size=" + bytes, "tmpfs", mountPoint.toString()));
    if (output != null) {
      fail("cannot mount a " + bytes + "-byte tmpfs at " + mountPoint + ": not running as root, and an unprivileged"
          + " user and mount namespace is not available here (unshare --user --map-root-user --mount: "
          + output.strip() + "). Run the build as root, or on a kernel that allows unprivileged user namespaces"
          + " (sysctl user.max_user_namespaces > 0, and kernel.unprivileged_userns_clone=1 where it exists)");
    }
    Path copy = Files.createDirectories(mountPoint.resolveSibling(mountPoint.getFileName() + "-after-run"));
    return new SmallFileSystem(mountPoint, bytes, false, copy);
  }

  /** Returns where the CLI process finds the small file system. */
  Path root() {
    return mountPoint;
  }

  /** Returns where the test reads what the small file system held when the CLI process ended. */
  Path contentsAfterRun() {
    return contentsAfterRun;
  }

  /** Returns the words to start the CLI process with, before {@code java}: none as root. */
  List<String> launcher() {
    if (root) {
      return List.of();
    }
    List<String> words = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
        IN_NAMESPACE, "sh", mountPoint.toString(), Long.toString(bytes), contentsAfterRun.toString()));
    return List.copyOf(words);
  }

  @Override
  public void close() throws Exception {
    if (!root) {
      return; // the tmpfs ended with the namespace of the process that mounted it
    }
    String output = exec(List.of("umount", mountPoint.toString()));
    if (output != null) {
      throw new IOException("cannot unmount " + mountPoint + ": " + output);
    }
  }

  private static boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
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
