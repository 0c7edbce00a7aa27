package org.integratedsync.credinvest.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.integratedsync.credinvest.FileTransferException;
import org.integratedsync.credinvest.InteFileName;
import org.integratedsync.credinvest.ListedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local download folder: writes each file as {@code name.part}, checks the size and that it is a
 * complete xlsx, sets the modification time and renames it into place atomically. A {@code .part}
 * file is always created new: whatever is at its name (a symbolic link planted there included) is
 * removed first, never followed. Thread-safe for different file names.
 */
public final class LocalTarget {

  /** Suffix of files being written. */
  public static final String PART_SUFFIX = ".part";

  private static final Logger LOG = LoggerFactory.getLogger(LocalTarget.class);

  private final Path dir;

  private LocalTarget(Path dir) {
    this.dir = dir;
  }

  /** Writes a file's content to the stream it is given. */
  @FunctionalInterface
  public interface Content {
    /** Copies the content to {@code out}; local write errors arrive as {@link LocalWriteException}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** A failure writing the local file (disk full, permissions), as opposed to reading the source. */
  public static final class LocalWriteException extends IOException {
    LocalWriteException(IOException cause) {
      super(cause.toString(), cause);
    }
  }

  /**
   * Creates the folder if needed, checks it can be written and removes {@code .part} leftovers of
   * INTE files from an interrupted run.
   *
   * @throws FileTransferException naming the folder if it cannot be created or written
   */
  public static LocalTarget open(Path dir) {
    Path absolute = dir.toAbsolutePath();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new FileTransferException(null, absolute,
          "download folder " + absolute + " cannot be created: " + IoErrors.reason(e), e);
    }
    // Files.isWritable is not reliable (root, ACLs): try it.
    Path probe = absolute.resolve(".write-test-" + ProcessHandle.current().pid() + PART_SUFFIX);
    try {
      Files.deleteIfExists(probe);
      Files.write(probe, new byte[] {0}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new FileTransferException(null, absolute, "download folder " + absolute + " is not writable: " + IoErrors.reason(e), e);
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // the probe name is unique to this process and harmless if left
      }
    }
    LocalTarget target = new LocalTarget(absolute);
    target.removeLeftovers();
    return target;
  }

  /** Returns the folder (absolute). */
  public Path dir() {
    return dir;
  }

  /** Returns the final local path of {@code file}. */
  public Path pathOf(ListedFile file) {
    return dir.resolve(file.name());
  }

  /**
   * Returns the files of {@code files} already present in {@code dir} (see {@link #isPresent}),
   * without creating the folder or touching anything in it.
   */
  public static List<ListedFile> presentIn(Path dir, Collection<ListedFile> files) {
    LocalTarget target = new LocalTarget(dir.toAbsolutePath());
    List<ListedFile> present = new ArrayList<>();
    for (ListedFile file : files) {
      if (file.isFile() && target.isPresent(file)) {
        present.add(file);
      }
    }
    return present;
  }

  /**
   * Whether {@code file} is already present with the same size and modification time (to the ms)
   * and is a complete xlsx.
   */
  public boolean isPresent(ListedFile file) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(pathOf(file), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile()
          && attributes.size() == file.size()
          && attributes.lastModifiedTime().toMillis() == file.mtime().toEpochMilli()
          && CompleteXlsx.problem(pathOf(file)) == null; // e.g. left by a version without the check
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      LOG.debug("cannot read attributes of {}: {}", pathOf(file), e.toString());
      return false;
    }
  }

  /**
   * Writes {@code file} atomically: nothing appears under its final name unless the whole content,
   * of the listed size, was written and is a complete xlsx. On any failure the {@code .part} file is
   * removed.
   *
   * @throws LocalWriteException if the local file cannot be written
   * @throws SizeMismatchException if the content's size differs from the listed size
   * @throws IncompleteFileException if the content is not a complete xlsx (zip) file
   * @throws IOException as thrown by {@code content} while reading the source
   */
  public void write(ListedFile file, Content content) throws IOException {
    Path part = dir.resolve(file.name() + PART_SUFFIX);
    Path target = pathOf(file);
    boolean done = false;
    try {
      OutputStream raw;
      try {
        // created new, never through a link: deleteIfExists removes a link itself, and CREATE_NEW
        // with NOFOLLOW_LINKS refuses anything that appears at the name in between
        Files.deleteIfExists(part);
        raw = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
      try (OutputStream out = new LocalOutputStream(raw)) {
        content.writeTo(out);
      }
      long written;
      try {
        written = Files.size(part);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
      if (written != file.size()) {
        throw new SizeMismatchException(file.name(), file.size(), written);
      }
      String incomplete = CompleteXlsx.problem(part);
      if (incomplete != null) {
        throw new IncompleteFileException(file.name(), incomplete);
      }
      try {
        Files.setLastModifiedTime(part, FileTime.from(file.mtime()));
        move(part, target);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
      done = true;
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException e) {
          LOG.warn("cannot remove partial file {}: {}", part, e.toString());
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void removeLeftovers() {
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*" + PART_SUFFIX)) {
      for (Path part : parts) {
        String name = part.getFileName().toString();
        String base = name.substring(0, name.length() - PART_SUFFIX.length());
        // only our own leftovers: regular files named <INTE name>.part
        if (InteFileName.tryParse(base).isPresent() && Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(part);
          LOG.info("Removed {} left by an interrupted download", part);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot clean up partial files in {}: {}", dir, e.toString());
    }
  }

  /** The copied content's size differs from the listed size. */
  public static final class SizeMismatchException extends IOException {
    SizeMismatchException(String name, long expected, long actual) {
      super("size of " + name + " is " + actual + " bytes after copying, but the source listed "
          + expected + " bytes (changed or truncated while copying?)");
    }
  }

  /** The copied content is not a complete xlsx file: truncated, still being written, an error page. */
  public static final class IncompleteFileException extends IOException {
    IncompleteFileException(String name, String problem) {
      super(name + " is not a complete xlsx file: " + problem);
    }
  }

  /** Marks write errors as local. */
  private static final class LocalOutputStream extends FilterOutputStream {
    LocalOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        out.close();
      } catch (IOException e) {
        throw new LocalWriteException(e);
      }
    }
  }
}
