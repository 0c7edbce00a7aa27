package org.integratedsync.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The lock that lets only one run work at a time: an operating-system file lock, so a lock left
 * by a killed process disappears with that process and never blocks the next run.
 *
 * <p>The file also holds the holder's process id and start time, for the message a second
 * instance prints. The lock covers a byte far beyond that text, so the text stays readable on
 * systems with mandatory locks. Not thread-safe; one run holds one instance and closes it.
 */
public final class RunLock implements AutoCloseable {
  /** Name of the lock file in the {@code logs} folder of the working directory. */
  public static final String FILE_NAME = ".integrated-sync.lock";

  private static final long LOCK_POSITION = 1L << 40;

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Returns the lock file used for a working directory. */
  public static Path defaultFile(Path workingDirectory) {
    return workingDirectory.resolve("logs").resolve(FILE_NAME);
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws AlreadyRunningException if another run (in this or another process) holds it
   * @throws ConfigurationException if the lock file is a symbolic link (never written through) or
   *     exists but cannot be written by this account (for example left by a run as root)
   * @throws CliException if the lock file cannot be created
   */
  public static RunLock acquire(Path file, Instant now) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.isSymbolicLink(file)) {
        throw new ConfigurationException(
            "run lock",
            "the run lock " + file + " is a symbolic link; the lock is never written through one (remove the link)");
      }
      try {
        // NOFOLLOW_LINKS: a link planted after the check above is refused by the system (ELOOP)
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
      } catch (AccessDeniedException e) {
        throw new ConfigurationException(
            "run lock", "cannot take the run lock: " + RunFiles.notWritable(file) + ": " + file);
      }
      FileLock lock;
      try {
        lock = channel.tryLock(LOCK_POSITION, 1, false);
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM
      }
      if (lock == null) {
        channel.close();
        throw new AlreadyRunningException(file, describeHolder(file));
      }
      channel.truncate(0);
      String holder = "pid " + ProcessHandle.current().pid() + " since " + now + "\n";
      channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      String reason = e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().equals(file.toString())
          ? e.getClass().getSimpleName()
          : e.getMessage();
      if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
        reason = fse.getReason();
      }
      throw new CliException("cannot create the run lock " + file + ": " + reason, e);
    }
  }

  private static String describeHolder(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }

  /** Releases the lock. The file stays; an unlocked file does not block anyone. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
