package org.integratedsync.dropbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local directory as a {@link MirrorTarget} (the Dropbox desktop app's synced folder, a network
 * share), with the same semantics as the Dropbox folder: files are compared by Dropbox content
 * hash, each file is written to a temporary name in the same directory and moved into place, so a
 * reader never sees a half-written file, and stale files are deleted only after the uploads. Only
 * regular files directly in the directory are concerned; subdirectories are never touched.
 *
 * <p>Nothing is ever written through a symbolic link: temporary files are created new (whatever
 * sits at a temporary name, a link included, is removed, never followed) and moved over the final
 * name, which replaces a link there rather than writing into its target. Entries that cannot be
 * used are listed as {@link RemoteFile#unusable unusable} with the reason, so the mirror leaves
 * them alone: files that cannot be read, symbolic links and other non-regular entries, and names
 * that are not valid in the file-name encoding (not valid UTF-8), which could not be addressed
 * again by name.
 *
 * <p>Safe for one mirror run at a time.
 */
public final class LocalFolderTarget implements MirrorTarget {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFolderTarget.class);
  /** Temporary files carry this prefix; they are never listed and leftovers are removed. */
  static final String TEMP_PREFIX = ".integrated-sync-";

  private final Path directory;

  /**
   * Creates a target for a directory; nothing is touched until the first call.
   *
   * @param directory the directory (created when missing, see {@link #list(boolean)})
   */
  public LocalFolderTarget(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
  }

  /** Returns the directory. */
  public Path directory() {
    return directory;
  }

  @Override
  public String describe() {
    return "local:" + directory;
  }

  /**
   * {@inheritDoc}
   *
   * <p>With {@code createIfMissing} (a real run) temporary files left behind by a killed run are
   * removed first; without it (a plan) nothing is changed, not even those.
   */
  @Override
  public List<RemoteFile> list(boolean createIfMissing) {
    if (!createIfMissing && !Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    if (createIfMissing) {
      createDirectory();
    }
    List<RemoteFile> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          files.add(RemoteFile.unusable(name, "cannot read its attributes: " + why(e)));
          continue;
        }
        if (name.startsWith(TEMP_PREFIX)) {
          if (createIfMissing && !attributes.isDirectory()) {
            // left behind by a run that was killed mid-write (a link is removed, not followed)
            Files.deleteIfExists(entry);
          }
          continue;
        }
        if (attributes.isDirectory()) {
          continue;
        }
        if (!directory.resolve(name).equals(entry)) {
          files.add(RemoteFile.unusable(name, "the name is not valid in the file-name encoding (not valid UTF-8)"));
        } else if (attributes.isSymbolicLink()) {
          files.add(RemoteFile.unusable(name, "a symbolic link"));
        } else if (!attributes.isRegularFile()) {
          files.add(RemoteFile.unusable(name, "not a regular file"));
        } else {
          try {
            files.add(new RemoteFile(name, ContentHash.of(entry), attributes.size()));
          } catch (UncheckedIOException e) {
            files.add(RemoteFile.unusable(name, "cannot read it: " + why(e)));
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new FolderAccessException(directory.toString(), "Cannot list target directory " + directory + ": " + why(e), e);
    }
    return files;
  }

  @Override
  public List<EntryResult> upload(List<LocalFile> files, Instant deadline) {
    createDirectory();
    List<EntryResult> results = new ArrayList<>();
    for (LocalFile file : files) {
      results.add(copy(file));
    }
    return results;
  }

  private void createDirectory() {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new FolderAccessException(directory.toString(), "Cannot create target directory " + directory + ": " + why(e), e);
    }
  }

  private EntryResult copy(LocalFile file) {
    Path target = directory.resolve(LocalFile.checkName(file.name()));
    Path temp = null;
    try {
      // a new file under a fresh random name; REPLACE_EXISTING unlinks anything put there meanwhile
      // (a link too, never following it) and the copy is created exclusively
      temp = Files.createTempFile(directory, TEMP_PREFIX, ".part");
      Files.copy(file.path(), temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      String hash = ContentHash.of(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      removeOtherSpellings(target);
      return EntryResult.done(file.name(), hash);
    } catch (IOException | UncheckedIOException e) {
      return EntryResult.failed(file.name(), "cannot write " + target + ": " + why(e), true, null);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("Cannot remove temporary file {}: {}", temp, e.toString());
        }
      }
    }
  }

  /**
   * Names are compared without regard to case (as in Dropbox), so on a case-sensitive file system
   * a file written as {@code a.xlsx} replaces an earlier {@code A.xlsx}.
   */
  private void removeOtherSpellings(Path written) throws IOException {
    String name = written.getFileName().toString();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String other = entry.getFileName().toString();
        if (!other.equals(name) && other.equalsIgnoreCase(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            && !Files.isSameFile(entry, written)) {
          Files.delete(entry);
        }
      }
    }
  }

  @Override
  public List<EntryResult> delete(List<String> names, Instant deadline) {
    List<EntryResult> results = new ArrayList<>();
    for (String name : names) {
      Path target = directory.resolve(LocalFile.checkName(name));
      try {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          results.add(EntryResult.failed(name, target + " is a directory", false, null));
        } else {
          Files.deleteIfExists(target);
          results.add(EntryResult.done(name, null));
        }
      } catch (IOException e) {
        results.add(EntryResult.failed(name, "cannot delete " + target + ": " + why(e), true, null));
      }
    }
    return results;
  }

  /**
   * Why an operation on the target folder or a local file failed, in the words of the file system
   * ("permission denied", "No space left on device"), without Java class names where there is a
   * reason; the caller's message names the file.
   */
  static String why(Exception failure) {
    Throwable e = failure instanceof UncheckedIOException unchecked && unchecked.getCause() != null
        ? unchecked.getCause() : failure;
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NoSuchFileException ? "no such file or folder"
        : e instanceof FileSystemException fs ? fs.getReason()
        : e.getMessage();
    return reason == null || reason.isBlank() ? e.getClass().getSimpleName() : reason;
  }
}
