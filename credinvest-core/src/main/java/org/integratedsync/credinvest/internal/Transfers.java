package org.integratedsync.credinvest.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.integratedsync.credinvest.DownloadResult;
import org.integratedsync.credinvest.FileTransferException;
import org.integratedsync.credinvest.InteFileName;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.credinvest.ParsedName;

/** Helpers shared by the sources. Stateless. */
public final class Transfers {

  private Transfers() {}

  /**
   * Returns a failure for a file that must not be copied: an unrecognised name (which also rules out
   * path separators), an entry that is not a regular file or a name requested twice; null if the file may be copied.
   */
  public static DownloadResult refuse(ListedFile file, Path target, Set<String> seen) {
    ParsedName parsed = InteFileName.parse(file.name());
    if (parsed instanceof ParsedName.Unrecognised unrecognised) {
      return failed(file, target, new FileTransferException(file.name(), target,
          "not copied: " + file.name() + " is not an INTE file name (" + unrecognised.reason() + ")", null));
    }
    if (!file.isFile()) {
      return failed(file, target, new FileTransferException(file.name(), target,
          "not copied: " + file.name() + " is not a regular file (" + file.kind() + ")", null));
    }
    if (!seen.add(file.name())) {
      return failed(file, target, new FileTransferException(file.name(), target,
          "not copied: " + file.name() + " was requested twice", null));
    }
    return null;
  }

  /** Returns a FAILED result. */
  public static DownloadResult failed(ListedFile file, Path target, FileTransferException error) {
    return new DownloadResult(file, DownloadResult.Outcome.FAILED, target, error);
  }

  /** Returns a fresh set for {@link #refuse}. */
  public static Set<String> newSeenSet(Collection<ListedFile> files) {
    return new HashSet<>(files.size() * 2);
  }

  /** Copies a collection to a list, rejecting nulls. */
  public static List<ListedFile> copy(Collection<ListedFile> files) {
    List<ListedFile> list = new ArrayList<>(files.size());
    for (ListedFile file : files) {
      list.add(Objects.requireNonNull(file, "file"));
    }
    return list;
  }
}
