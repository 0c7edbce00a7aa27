package org.integratedsync.credinvest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.integratedsync.credinvest.CredinvestException;
import org.integratedsync.credinvest.DownloadListener;
import org.integratedsync.credinvest.DownloadReport;
import org.integratedsync.credinvest.DownloadResult;
import org.integratedsync.credinvest.FileTransferException;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.credinvest.SftpConnectionException;
import org.integratedsync.credinvest.SftpSettings;
import org.integratedsync.credinvest.SourceConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and downloads: N workers, each with its own SSH connection from the {@link
 * ConnectionManager} and its own SFTP channel, take files from a shared queue. A file whose
 * transfer broke with the connection goes back on the queue (at most {@code maxRetries} times) and
 * the connection is re-established. Once the server cannot be reached again within the retry
 * policy, the breaker is open and every remaining file fails at once with that reason. Thread-safe.
 */
public final class SftpDownload {

  private static final Logger LOG = LoggerFactory.getLogger(SftpDownload.class);
  /** Outstanding read requests per file: keeps the link busy despite the round-trip time. */
  private static final int READ_AHEAD = 16;

  private final ConnectionManager connections;
  private final SftpSettings settings;

  /** Creates the helper over the connection pool. */
  public SftpDownload(ConnectionManager connections, SftpSettings settings) {
    this.connections = connections;
    this.settings = settings;
  }

  /** Returns the remote path of a file name in the configured folder. */
  public String remotePath(String name) {
    String dir = settings.remoteDir();
    if (dir.isEmpty()) {
      return name;
    }
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** Lists every entry of the remote folder with its kind, sorted by name, retrying dropped connections. */
  public List<ListedFile> list() {
    String dir = settings.remoteDir().isEmpty() ? "." : settings.remoteDir();
    connections.newOperation();
    for (int attempt = 0; ; attempt++) {
      SSHClient ssh = connections.client(0);
      try (SFTPClient sftp = ConnectionManager.openSftp(ssh)) {
        List<ListedFile> files = new ArrayList<>();
        for (RemoteResourceInfo info : sftp.ls(dir)) {
          // every entry is listed with its kind (as the server reports it, links not followed)
          files.add(new ListedFile(info.getName(), info.getAttributes().getSize(),
              Instant.ofEpochSecond(info.getAttributes().getMtime()), kind(info.getAttributes().getType())));
        }
        files.sort(Comparator.comparing(ListedFile::name));
        return List.copyOf(files);
      } catch (IOException e) {
        if (ConnectionManager.isConnectionProblem(e, ssh) && attempt < settings.maxRetries()) {
          connections.reconnect(0, ssh);
          continue;
        }
        if (e instanceof SFTPException sftpError && (sftpError.getStatusCode() == Response.StatusCode.NO_SUCH_FILE
            || sftpError.getStatusCode() == Response.StatusCode.NO_SUCH_PATH)) {
          throw new SourceConfigurationException("remoteDir",
              "remote folder '" + dir + "' does not exist on " + settings.host() + ":" + settings.port(), e);
        }
        throw new FileTransferException(null, null,
            "cannot list remote folder '" + dir + "' on " + settings.host() + ":" + settings.port() + ": "
                + e.getMessage(), e);
      }
    }
  }

  private static ListedFile.Kind kind(FileMode.Type type) {
    switch (type) {
      case REGULAR:
        return ListedFile.Kind.FILE;
      case DIRECTORY:
        return ListedFile.Kind.DIRECTORY;
      case SYMLINK:
        return ListedFile.Kind.SYMLINK;
      default:
        return ListedFile.Kind.OTHER;
    }
  }

  /** Downloads {@code files} into {@code targetDir}; see {@code FileSource#download}. */
  public DownloadReport download(Collection<ListedFile> files, Path targetDir, DownloadListener listener) {
    List<ListedFile> requested = Transfers.copy(files);
    LocalTarget target = LocalTarget.open(targetDir);
    DownloadResult[] results = new DownloadResult[requested.size()];
    ConcurrentLinkedDeque<Task> queue = new ConcurrentLinkedDeque<>();
    Set<String> seen = Transfers.newSeenSet(requested);
    for (int i = 0; i < requested.size(); i++) {
      ListedFile file = requested.get(i);
      DownloadResult refused = Transfers.refuse(file, target.pathOf(file), seen);
      if (refused != null) {
        complete(results, i, refused, listener);
      } else if (target.isPresent(file)) {
        complete(results, i, new DownloadResult(file, DownloadResult.Outcome.ALREADY_PRESENT, target.pathOf(file),
            null), listener);
      } else {
        queue.add(new Task(i, file));
      }
    }
    if (!queue.isEmpty()) {
      connections.newOperation();
      try {
        connections.client(0); // fail fast, before any thread starts, on a refused login or host key
        run(queue, target, results, listener);
      } catch (SftpConnectionException e) {
        // the server cannot be reached within the retry policy: every file not done yet fails now
        Task task;
        while ((task = queue.poll()) != null) {
          complete(results, task.index, failed(task.file, target.pathOf(task.file), e.getMessage(), e), listener);
        }
      }
    }
    DownloadReport report = new DownloadReport(List.of(results));
    LOG.info("Downloaded {} files from {}:{} to {}: {} already present, {} failed", report.downloaded().size(),
        settings.host(), settings.port(), target.dir(), report.alreadyPresent().size(), report.failed().size());
    return report;
  }

  private void run(ConcurrentLinkedDeque<Task> queue, LocalTarget target, DownloadResult[] results,
      DownloadListener listener) {
    int workers = Math.min(Math.min(settings.parallelism(), connections.size()), queue.size());
    AtomicReference<CredinvestException> fatal = new AtomicReference<>();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
      Thread thread = new Thread(runnable, "sftp-download-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Callable<Void>> jobs = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        int slot = i;
        jobs.add(() -> {
          work(slot, queue, target, results, listener, fatal);
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(jobs)) {
        done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SftpConnectionException(settings.host(), settings.port(), "download interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("download worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void work(int slot, ConcurrentLinkedDeque<Task> queue, LocalTarget target, DownloadResult[] results,
      DownloadListener listener, AtomicReference<CredinvestException> fatal) {
    SFTPClient sftp = null;
    SSHClient sftpOwner = null;
    try {
      Task task;
      while ((task = queue.poll()) != null) {
        ListedFile file = task.file;
        Path destination = target.pathOf(file);
        CredinvestException stop = fatal.get();
        if (stop != null) {
          complete(results, task.index, failed(file, destination, stop.getMessage(), stop), listener);
          continue;
        }
        SSHClient ssh;
        try {
          ssh = connections.client(slot);
        } catch (CredinvestException e) {
          fatal.compareAndSet(null, e);
          complete(results, task.index, failed(file, destination, e.getMessage(), e), listener);
          continue;
        }
        try {
          if (sftpOwner != ssh) {
            closeQuietly(sftp);
            sftp = null;
            sftp = ConnectionManager.openSftp(ssh);
            sftpOwner = ssh;
          }
          try {
            transfer(sftp, file, target);
          } catch (RuntimeException e) {
            // sshj sometimes fails with unchecked exceptions on a dying transport
            throw new IOException(e.toString(), e);
          }
          LOG.debug("Downloaded {} ({} bytes)", file.name(), file.size());
          complete(results, task.index,
              new DownloadResult(file, DownloadResult.Outcome.DOWNLOADED, destination, null), listener);
        } catch (LocalTarget.LocalWriteException e) {
          complete(results, task.index, failed(file, destination,
              "cannot write " + destination + ".part: " + e.getCause().getMessage(), e), listener);
        } catch (LocalTarget.SizeMismatchException | LocalTarget.IncompleteFileException e) {
          complete(results, task.index, failed(file, destination, e.getMessage(), e), listener);
        } catch (IOException e) {
          if (ConnectionManager.isConnectionProblem(e, ssh)) {
            closeQuietly(sftp);
            sftp = null;
            sftpOwner = null;
            task.attempts++;
            if (task.attempts > settings.maxRetries()) {
              complete(results, task.index, failed(file, destination, "connection to " + settings.host() + ":"
                  + settings.port() + " broke while downloading " + file.name() + ", " + task.attempts
                  + " times: " + e.getMessage(), e), listener);
            } else {
              LOG.info("Transfer of {} broke ({}); retrying", file.name(), e.getMessage());
              queue.addFirst(task);
            }
            try {
              connections.reconnect(slot, ssh);
            } catch (CredinvestException ce) {
              fatal.compareAndSet(null, ce);
            }
          } else if (e instanceof SFTPException sftpError
              && sftpError.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
            complete(results, task.index, failed(file, destination,
                file.name() + " is no longer on the server (" + remotePath(file.name()) + ")", e), listener);
          } else {
            complete(results, task.index, failed(file, destination,
                "cannot download " + remotePath(file.name()) + ": " + e.getMessage(), e), listener);
          }
        }
      }
    } finally {
      closeQuietly(sftp);
    }
  }

  private void transfer(SFTPClient sftp, ListedFile file, LocalTarget target) throws IOException {
    RemoteFile remote = sftp.open(remotePath(file.name()), EnumSet.of(OpenMode.READ));
    boolean written = false;
    try {
      target.write(file, out -> {
        InputStream in = remote.new ReadAheadRemoteFileInputStream(READ_AHEAD);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
        }
      });
      written = true;
    } finally {
      try {
        remote.close();
      } catch (IOException | RuntimeException e) {
        // the file is complete and in place; a failed close only matters before that
        if (!written) {
          LOG.debug("closing remote file {}: {}", file.name(), e.toString());
        }
      }
    }
  }

  private static DownloadResult failed(ListedFile file, Path destination, String message, Exception cause) {
    return Transfers.failed(file, destination, new FileTransferException(file.name(), destination, message, cause));
  }

  private static void complete(DownloadResult[] results, int index, DownloadResult result,
      DownloadListener listener) {
    results[index] = result;
    if (result.outcome() == DownloadResult.Outcome.FAILED) {
      LOG.warn("{}: {}", result.file().name(), result.error().getMessage());
    }
    try {
      listener.fileDone(result);
    } catch (RuntimeException e) {
      LOG.warn("download listener failed on {}: {}", result.file().name(), e.toString());
    }
  }

  private static void closeQuietly(SFTPClient sftp) {
    if (sftp != null) {
      try {
        sftp.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("closing an SFTP channel: {}", e.toString());
      }
    }
  }

  /** One file to download, with the number of broken attempts so far. */
  private static final class Task {
    final int index;
    final ListedFile file;
    int attempts;

    Task(int index, ListedFile file) {
      this.index = index;
      this.file = file;
    }
  }
}
