package org.integratedsync.credinvest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.integratedsync.credinvest.internal.IoErrors;
import org.integratedsync.credinvest.internal.LocalTarget;
import org.integratedsync.credinvest.internal.Transfers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local folder as the source of INTE files (a mounted share, or a folder filled by another
 * process), with the same listing and copy semantics as {@link SftpSource}.
 *
 * <p>Copies run one after another. Not meant to be shared between threads.
 */
public final class LocalFolderSource implements FileSource {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFolderSource.class);

  private final Path folder;

  /**
   * Creates a source reading {@code folder}. Nothing is read until {@link #list()}.
   *
   * @throws NullPointerException if {@code folder} is null
   */
  public LocalFolderSource(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
  }

  /** Returns the folder read. */
  public Path folder() {
    return folder;
  }

  @Override
  public String description() {
    return folder.toString();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SourceConfigurationException if the folder does not exist or is not a folder
   * @throws FileTransferException if it cannot be read
   */
  @Override
  public List<ListedFile> list() {
    if (!Files.isDirectory(folder)) {
      throw new SourceConfigurationException("sourceDir",
          "source folder " + folder + (Files.exists(folder) ? " is not a folder" : " does not exist"));
    }
    List<ListedFile> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // removed while listing
        }
        // every entry is listed, links as links (never followed), so the selection can name each one
        files.add(new ListedFile(entry.getFileName().toString(), attributes.size(),
            attributes.lastModifiedTime().toInstant(), kind(attributes)));
      }
    } catch (IOException e) {
      throw new FileTransferException(null, folder, "cannot list source folder " + folder + ": " + IoErrors.reason(e), e);
    }
    files.sort(Comparator.comparing(ListedFile::name));
    return List.copyOf(files);
  }

  private static ListedFile.Kind kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return ListedFile.Kind.SYMLINK;
    }
    if (attributes.isDirectory()) {
      return ListedFile.Kind.DIRECTORY;
    }
    return attributes.isRegularFile() ? ListedFile.Kind.FILE : ListedFile.Kind.OTHER;
  }

  /**
   * {@inheritDoc}
   *
   * @throws FileTransferException if {@code targetDir} cannot be created or written
   */
  @Override
  public DownloadReport download(Collection<ListedFile> files, Path targetDir, DownloadListener listener) {
    List<ListedFile> requested = Transfers.copy(files);
    Objects.requireNonNull(listener, "listener");
    LocalTarget target = LocalTarget.open(targetDir);
    Set<String> seen = Transfers.newSeenSet(requested);
    List<DownloadResult> results = new ArrayList<>(requested.size());
    for (ListedFile file : requested) {
      DownloadResult result = copy(file, target, seen);
      results.add(result);
      listener.fileDone(result);
    }
    DownloadReport report = new DownloadReport(results);
    LOG.info("Copied {} files from {} to {}: {} already present, {} failed", report.downloaded().size(), folder,
        target.dir(), report.alreadyPresent().size(), report.failed().size());
    return report;
  }

  private DownloadResult copy(ListedFile file, LocalTarget target, Set<String> seen) {
    Path destination = target.pathOf(file);
    DownloadResult refused = Transfers.refuse(file, destination, seen);
    if (refused != null) {
      return refused;
    }
    if (target.isPresent(file)) {
      return new DownloadResult(file, DownloadResult.Outcome.ALREADY_PRESENT, destination, null);
    }
    Path source = folder.resolve(file.name());
    try {
      target.write(file, out -> {
        // an entry replaced by a link since the listing is refused, not followed
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
          in.transferTo(out);
        }
      });
      LOG.debug("Copied {} ({} bytes)", file.name(), file.size());
      return new DownloadResult(file, DownloadResult.Outcome.DOWNLOADED, destination, null);
    } catch (LocalTarget.LocalWriteException e) {
      return Transfers.failed(file, destination, new FileTransferException(file.name(), destination,
          "cannot write " + destination + ".part: " + e.getCause().getMessage(), e));
    } catch (LocalTarget.SizeMismatchException | LocalTarget.IncompleteFileException e) {
      return Transfers.failed(file, destination, new FileTransferException(file.name(), destination,
          e.getMessage(), e));
    } catch (NoSuchFileException e) {
      return Transfers.failed(file, destination, new FileTransferException(file.name(), destination,
          file.name() + " is no longer in source folder " + folder, e));
    } catch (IOException e) {
      return Transfers.failed(file, destination, new FileTransferException(file.name(), destination,
          "cannot copy " + file.name() + " from " + folder + ": " + e.getMessage(), e));
    }
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
