package org.integratedsync.benchmarks;

import com.dropbox.core.DbxException;
import com.dropbox.core.DbxRequestConfig;
import com.dropbox.core.http.HttpRequestor;
import com.dropbox.core.http.StandardHttpRequestor;
import com.dropbox.core.oauth.DbxCredential;
import com.dropbox.core.v2.DbxClientV2;
import com.dropbox.core.v2.files.CommitInfo;
import com.dropbox.core.v2.files.DeleteArg;
import com.dropbox.core.v2.files.DeleteBatchJobStatus;
import com.dropbox.core.v2.files.DeleteBatchLaunch;
import com.dropbox.core.v2.files.FileMetadata;
import com.dropbox.core.v2.files.ListFolderResult;
import com.dropbox.core.v2.files.Metadata;
import com.dropbox.core.v2.files.UploadSessionCursor;
import com.dropbox.core.v2.files.UploadSessionFinishArg;
import com.dropbox.core.v2.files.UploadSessionFinishBatchResult;
import com.dropbox.core.v2.files.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;
import org.integratedsync.credinvest.ListedFile;
import org.integratedsync.credinvest.SelectionRules;
import org.integratedsync.testkit.dropbox.FakeDropbox;

/**
 * The baseline of scenario 2: what the old tool did, written here on the same client libraries
 * (sshj, dropbox-core-sdk) so that only the approach differs. One SFTP session downloads the
 * selected files one after another; then every file in the Dropbox folder is deleted, one at a time;
 * then each file is uploaded on its own, with a 0.5 s pause after each; files that failed are tried
 * again in up to three retry passes, each after a 1 s pause. Selection uses today's rules (the old
 * tool's own rules are not what is compared). Not thread-safe; one run per instance.
 */
final class OldToolTask1Baseline {

  static final Duration PAUSE_AFTER_UPLOAD = Duration.ofMillis(500);
  static final Duration PAUSE_BEFORE_RETRY_PASS = Duration.ofSeconds(1);
  static final int RETRY_PASSES = 3;

  private final Task1Setup setup;
  private final FakeDropbox dropbox;
  private int calls;

  OldToolTask1Baseline(Task1Setup setup, FakeDropbox dropbox) {
    this.setup = setup;
    this.dropbox = dropbox;
  }

  /**
   * What the run did.
   *
   * @param extraCalls calls made only because the fake lacks the old tool's single-call endpoints
   */
  record Result(Duration time, int downloaded, int deleted, int uploaded, int failed, int extraCalls) {}

  Result run(Path downloads) throws IOException, InterruptedException {
    long start = System.nanoTime();
    List<Path> local = download(downloads);
    DbxClientV2 client = client();
    int deleted = deleteEverything(client);
    List<Path> pending = new ArrayList<>(local);
    int uploaded = 0;
    for (int pass = 0; pass <= RETRY_PASSES && !pending.isEmpty(); pass++) {
      if (pass > 0) {
        Thread.sleep(PAUSE_BEFORE_RETRY_PASS.toMillis());
      }
      List<Path> failed = new ArrayList<>();
      for (Path file : pending) {
        if (upload(client, file)) {
          uploaded++;
        } else {
          failed.add(file);
        }
        Thread.sleep(PAUSE_AFTER_UPLOAD.toMillis());
      }
      pending = failed;
    }
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    return new Result(time, local.size(), deleted, uploaded, pending.size(), calls);
  }

  private List<Path> download(Path downloads) throws IOException {
    List<Path> local = new ArrayList<>();
    try (SSHClient ssh = new SSHClient()) {
      ssh.addHostKeyVerifier(setup.sftp().hostKeyFingerprint());
      ssh.connect(setup.sftp().host(), setup.sftp().port());
      // generous to the baseline: without TCP_NODELAY small transfers are several times slower
      ssh.getSocket().setTcpNoDelay(true);
      ssh.authPassword(Task1Setup.USER, Task1Setup.PASSWORD);
      try (SFTPClient sftp = ssh.newSFTPClient()) {
        List<ListedFile> listing = new ArrayList<>();
        for (RemoteResourceInfo info : sftp.ls(".")) {
          if (info.isRegularFile()) {
            listing.add(new ListedFile(info.getName(), info.getAttributes().getSize(),
                java.time.Instant.ofEpochSecond(info.getAttributes().getMtime())));
          }
        }
        for (ListedFile file : SelectionRules.defaults().select(listing, LocalDateTime.now()).selectedFiles()) {
          Path target = downloads.resolve(file.name());
          sftp.get(file.name(), target.toString());
          local.add(target);
        }
      }
    }
    return local;
  }

  private DbxClientV2 client() {
    String base = dropbox.baseUrl().replaceAll("/+$", "");
    HttpRequestor requestor = new StandardHttpRequestor(StandardHttpRequestor.Config.DEFAULT_INSTANCE) {
      @Override
      protected HttpURLConnection prepRequest(String url, Iterable<Header> headers, boolean streaming)
          throws IOException {
        int path = url.indexOf('/', "https://".length());
        return super.prepRequest(url.startsWith("https://") ? base + url.substring(path) : url, headers, streaming);
      }
    };
    DbxRequestConfig config = DbxRequestConfig.newBuilder("old-tool-baseline").withHttpRequestor(requestor).build();
    return new DbxClientV2(config,
        new DbxCredential("", 0L, FakeDropbox.REFRESH_TOKEN, FakeDropbox.APP_KEY, FakeDropbox.APP_SECRET));
  }

  /** Empties the folder, one file per call, as the old tool did. */
  private int deleteEverything(DbxClientV2 client) throws IOException {
    try {
      List<String> paths = new ArrayList<>();
      ListFolderResult page = client.files().listFolder(Task1Setup.FOLDER);
      while (true) {
        for (Metadata entry : page.getEntries()) {
          if (entry instanceof FileMetadata file) {
            paths.add(file.getPathDisplay());
          }
        }
        if (!page.getHasMore()) {
          break;
        }
        page = client.files().listFolderContinue(page.getCursor());
      }
      int deleted = 0;
      for (String path : paths) {
        try {
          DeleteBatchLaunch launch = client.files().deleteBatch(List.of(new DeleteArg(path)));
          if (launch.isAsyncJobId()) {
            calls++;
            DeleteBatchJobStatus status = client.files().deleteBatchCheck(launch.getAsyncJobIdValue());
            if (status.isComplete() && status.getCompleteValue().getEntries().get(0).isSuccess()) {
              deleted++;
            }
          } else if (launch.isComplete() && launch.getCompleteValue().getEntries().get(0).isSuccess()) {
            deleted++;
          }
        } catch (DbxException e) {
          System.err.println("  baseline: delete of " + path + " failed: " + e);
        }
      }
      return deleted;
    } catch (DbxException e) {
      throw new IOException("baseline could not list " + Task1Setup.FOLDER + ": " + e, e);
    }
  }

  /** Uploads one file: its body, then its commit, as files/upload does in one call. */
  private boolean upload(DbxClientV2 client, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String session = client.files().uploadSessionStartBuilder().withClose(true).uploadAndFinish(in).getSessionId();
      calls++;
      UploadSessionFinishBatchResult result = client.files().uploadSessionFinishBatchV2(List.of(
          new UploadSessionFinishArg(new UploadSessionCursor(session, Files.size(file)),
              CommitInfo.newBuilder(Task1Setup.FOLDER + "/" + file.getFileName()).withMode(WriteMode.OVERWRITE)
                  .build())));
      return result.getEntries().get(0).isSuccess();
    } catch (DbxException e) {
      System.err.println("  baseline: upload of " + file.getFileName() + " failed: " + e);
      return false;
    }
  }
}
