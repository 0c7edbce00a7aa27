package org.integratedsync.dropbox;

import com.dropbox.core.AccessErrorException;
import com.dropbox.core.DbxException;
import com.dropbox.core.DbxRequestConfig;
import com.dropbox.core.InvalidAccessTokenException;
import com.dropbox.core.RateLimitException;
import com.dropbox.core.http.StandardHttpRequestor;
import com.dropbox.core.oauth.DbxCredential;
import com.dropbox.core.oauth.DbxOAuthException;
import com.dropbox.core.v2.DbxClientV2;
import com.dropbox.core.v2.files.CommitInfo;
import com.dropbox.core.v2.files.CreateFolderErrorException;
import com.dropbox.core.v2.files.DbxUserFilesRequests;
import com.dropbox.core.v2.files.DeleteArg;
import com.dropbox.core.v2.files.DeleteBatchError;
import com.dropbox.core.v2.files.DeleteBatchJobStatus;
import com.dropbox.core.v2.files.DeleteBatchLaunch;
import com.dropbox.core.v2.files.DeleteBatchResultEntry;
import com.dropbox.core.v2.files.DeleteError;
import com.dropbox.core.v2.files.FileMetadata;
import com.dropbox.core.v2.files.FolderMetadata;
import com.dropbox.core.v2.files.GetMetadataErrorException;
import com.dropbox.core.v2.files.ListFolderContinueErrorException;
import com.dropbox.core.v2.files.ListFolderErrorException;
import com.dropbox.core.v2.files.ListFolderResult;
import com.dropbox.core.v2.files.Metadata;
import com.dropbox.core.v2.files.UploadSessionCursor;
import com.dropbox.core.v2.files.UploadSessionFinishArg;
import com.dropbox.core.v2.files.UploadSessionFinishBatchResult;
import com.dropbox.core.v2.files.UploadSessionFinishBatchResultEntry;
import com.dropbox.core.v2.files.UploadSessionFinishError;
import com.dropbox.core.v2.files.WriteConflictError;
import com.dropbox.core.v2.files.WriteMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.integratedsync.dropbox.internal.BaseUrlHttpRequestor;
import org.integratedsync.dropbox.internal.CallRetrier;
import org.integratedsync.dropbox.internal.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Dropbox folder as a {@link MirrorTarget}, driven through the official Dropbox SDK.
 *
 * <p>File bodies go up concurrently through upload sessions (large files in chunks) and are
 * committed together with one {@code upload_session/finish_batch_v2} call per batch of at most
 * 1,000 files; deletions use {@code delete_batch}. Each call is retried as {@link RetrySettings}
 * says: after HTTP 429 exactly the {@code Retry-After} Dropbox sent, without using up an attempt,
 * until the deadline the mirror passes; after 5xx and network errors with exponential backoff.
 * Entries of a batch refused with {@code too_many_write_operations} are reported as rate limited,
 * and the mirror commits them again. The access token is obtained from the refresh token once before the
 * first call and again whenever an upload call reports it expired.
 *
 * <p>With a base URL (the {@code DROPBOX_BASE_URL} setting) every request, including the token
 * refresh, goes to that URL instead of Dropbox's hosts; this serves proxies and tests.
 *
 * <p>Safe for one mirror run at a time; {@link #close()} releases the upload threads.
 */
public final class DropboxFolderTarget implements MirrorTarget {

  private static final Logger LOG = LoggerFactory.getLogger(DropboxFolderTarget.class);
  private static final int MAX_ENTRIES_PER_CALL = 1000;

  private final String folder;
  private final DbxClientV2 client;
  private final CallRetrier retrier;
  private final RetrySettings retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int chunkSize;
  private final Duration pollInterval;
  private final ExecutorService uploads;
  /** Bodies being sent at once; a body waiting out a rate limit holds no slot. */
  private final Semaphore transferSlots;
  private final Object refreshLock = new Object();
  private volatile int tokenGeneration;
  private volatile boolean tokenFresh;
  /** Closed sessions whose commit failed; finishing them again avoids sending the bytes twice. */
  private final Map<String, Session> uncommitted = new ConcurrentHashMap<>();

  private record Session(String id, long size, FileTime modified) {}

  private DropboxFolderTarget(Builder builder) {
    this.folder = builder.folder;
    this.retry = builder.retry;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.retrier = new CallRetrier(builder.retry, builder.clock, builder.sleeper);
    this.chunkSize = builder.chunkSize;
    this.pollInterval = builder.pollInterval;
    StandardHttpRequestor.Config http = StandardHttpRequestor.Config.builder()
        .withConnectTimeout(builder.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .withReadTimeout(builder.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    DbxRequestConfig config = DbxRequestConfig.newBuilder(builder.clientIdentifier)
        .withHttpRequestor(new BaseUrlHttpRequestor(http, builder.baseUrl))
        .withAutoRetryDisabled()
        .build();
    DropboxCredentials credentials = builder.credentials;
    // An empty access token that expired at 0 makes the SDK fetch one from the refresh token first.
    DbxCredential credential = new DbxCredential("", 0L, credentials.refreshToken(), credentials.appKey(),
        credentials.appSecret());
    this.client = new DbxClientV2(config, credential);
    AtomicInteger threads = new AtomicInteger();
    this.transferSlots = new Semaphore(builder.concurrency);
    // more threads than slots: the others wait out rate limits without holding a slot
    this.uploads = Executors.newFixedThreadPool(builder.concurrency * 8, runnable -> {
      Thread thread = new Thread(runnable, "dropbox-upload-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Returns a builder for a target authenticated with the given credentials.
   *
   * @param credentials app key, app secret and refresh token
   * @return the builder
   */
  public static Builder builder(DropboxCredentials credentials) {
    return new Builder(credentials);
  }

  /** Returns the folder path, such as {@code /cred}. */
  public String folder() {
    return folder;
  }

  @Override
  public String describe() {
    return "dropbox:" + folder;
  }

  /**
   * Checks the credentials and the folder without changing anything: obtains an access token and
   * looks the folder up.
   *
   * @return true if the folder exists, false if it does not exist yet (a run creates it)
   * @throws DropboxAuthenticationException if the credentials are refused
   * @throws FolderAccessException if the path names a file or cannot be read
   * @throws TransferException if Dropbox cannot be reached
   */
  public boolean checkAccess() {
    ensureToken();
    try {
      Metadata metadata = call("look up " + folder, () -> files().getMetadata(folder));
      if (!(metadata instanceof FolderMetadata)) {
        throw new FolderAccessException(folder, "Dropbox path " + folder + " is a file, not a folder", null);
      }
      return true;
    } catch (GetMetadataErrorException e) {
      if (e.errorValue.isPath() && e.errorValue.getPathValue().isNotFound()) {
        return false;
      }
      throw new FolderAccessException(folder, "Cannot look up Dropbox folder " + folder + ": " + e.errorValue, e);
    } catch (DbxException | IOException e) {
      throw translate("look up " + folder, e);
    }
  }

  @Override
  public List<RemoteFile> list(boolean createIfMissing) {
    ensureToken();
    for (int restart = 0; ; restart++) {
      try {
        return listOnce(createIfMissing);
      } catch (ListFolderContinueErrorException e) {
        if (!e.errorValue.isReset() || restart >= 2) {
          throw new FolderAccessException(folder, "Listing Dropbox folder " + folder + " failed: " + e.errorValue, e);
        }
        LOG.debug("Listing cursor of {} was reset; listing again", folder);
      } catch (DbxException | IOException e) {
        throw translate("list " + folder, e);
      }
    }
  }

  private List<RemoteFile> listOnce(boolean createIfMissing) throws DbxException, IOException {
    ListFolderResult page;
    try {
      page = call("list " + folder, () -> files().listFolder(folder));
    } catch (ListFolderErrorException e) {
      if (e.errorValue.isPath() && e.errorValue.getPathValue().isNotFound()) {
        if (createIfMissing) {
          createFolder();
        }
        return List.of();
      }
      if (e.errorValue.isPath() && e.errorValue.getPathValue().isNotFolder()) {
        throw new FolderAccessException(folder, "Dropbox path " + folder + " is a file, not a folder", e);
      }
      throw new FolderAccessException(folder, "Cannot list Dropbox folder " + folder + ": " + e.errorValue, e);
    }
    List<RemoteFile> result = new ArrayList<>();
    while (true) {
      for (Metadata entry : page.getEntries()) {
        if (entry instanceof FileMetadata file && isDirectChild(file)) {
          result.add(new RemoteFile(file.getName(), String.valueOf(file.getContentHash()), file.getSize()));
        }
      }
      if (!page.getHasMore()) {
        return result;
      }
      String cursor = page.getCursor();
      page = call("continue listing " + folder, () -> files().listFolderContinue(cursor));
    }
  }

  private boolean isDirectChild(FileMetadata file) {
    String lower = file.getPathLower();
    return lower == null || lower.lastIndexOf('/') == folder.length() && lower.startsWith(folder.toLowerCase(Locale.ROOT));
  }

  private void createFolder() throws DbxException, IOException {
    LOG.info("Dropbox folder {} does not exist; creating it", folder);
    try {
      call("create " + folder, () -> files().createFolderV2(folder, false));
    } catch (CreateFolderErrorException e) {
      boolean existsAsFolder = e.errorValue.isPath() && e.errorValue.getPathValue().isConflict()
          && e.errorValue.getPathValue().getConflictValue() == WriteConflictError.FOLDER;
      if (!existsAsFolder) {
        throw new FolderAccessException(folder, "Cannot create Dropbox folder " + folder + ": " + e.errorValue, e);
      }
    }
  }

  @Override
  public List<EntryResult> upload(List<LocalFile> files, Instant deadline) {
    ensureToken();
    List<EntryResult> results = new ArrayList<>();
    for (int from = 0; from < files.size(); from += MAX_ENTRIES_PER_CALL) {
      results.addAll(uploadBatch(files.subList(from, Math.min(files.size(), from + MAX_ENTRIES_PER_CALL)), deadline));
    }
    return results;
  }

  private List<EntryResult> uploadBatch(List<LocalFile> files, Instant deadline) {
    List<Future<Session>> bodies = new ArrayList<>();
    for (LocalFile file : files) {
      bodies.add(uploads.submit(() -> uploadBody(file, deadline)));
    }
    List<EntryResult> results = new ArrayList<>();
    List<LocalFile> toCommit = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      LocalFile file = files.get(i);
      try {
        sessions.add(bodies.get(i).get());
        toCommit.add(file);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        bodies.forEach(body -> body.cancel(true));
        throw new DropboxSyncException("Interrupted while uploading to " + folder, e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DropboxAuthenticationException auth) {
          bodies.forEach(body -> body.cancel(true));
          throw auth;
        }
        results.add(failure(file.name(), "upload", cause));
      }
    }
    if (!toCommit.isEmpty()) {
      results.addAll(commit(toCommit, sessions, deadline));
    }
    return results;
  }

  private Session uploadBody(LocalFile file, Instant deadline) throws IOException {
    long size = Files.size(file.path());
    FileTime modified = Files.getLastModifiedTime(file.path());
    Session previous = uncommitted.get(file.name());
    if (previous != null && previous.size() == size && previous.modified().equals(modified)) {
      return previous;
    }
    while (true) {
      Duration wait;
      acquireTransferSlot();
      try {
        // a 429 is not waited out inside the call: the body gives its transfer slot to another
        // file while it waits, so rate limits do not idle the uploads
        return call("upload " + file.name(), clock.instant(), () -> sendBody(file, size, modified));
      } catch (RateLimitException e) {
        wait = e.getBackoffMillis() > 0 ? Duration.ofMillis(e.getBackoffMillis()) : retry.rateLimitWait();
        if (clock.instant().plus(wait).isAfter(deadline)) {
          throw translate("upload " + file.name(), e);
        }
        LOG.debug("upload {} rate limited, retrying in {} ms", file.name(), wait.toMillis());
      } catch (DbxException e) {
        throw translate("upload " + file.name(), e);
      } finally {
        transferSlots.release();
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DropboxSyncException("Interrupted while waiting to retry an upload", e);
      }
    }
  }

  private void acquireTransferSlot() {
    try {
      transferSlots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DropboxSyncException("Interrupted while waiting to upload", e);
    }
  }

  /**
   * Sends a whole file through a new upload session; a retry starts a new session. A session left
   * unfinished by a failed append is closed (best effort), so no session is left open. Each chunk
   * is streamed from the file into the request (the SDK copies it through a small buffer and sends
   * it in HTTP chunks of 16 KiB), so no chunk is ever held in memory, however large the chunk size.
   */
  private Session sendBody(LocalFile file, long size, FileTime modified) throws DbxException, IOException {
    try (InputStream in = Files.newInputStream(file.path())) {
      String sessionId = null;
      long offset = 0;
      try {
        do {
          long length = Math.min(size - offset, chunkSize);
          boolean last = offset + length >= size;
          ChunkStream chunk = new ChunkStream(in, length);
          if (sessionId == null) {
            sessionId = files().uploadSessionStartBuilder().withClose(last).start().uploadAndFinish(chunk)
                .getSessionId();
          } else {
            files().uploadSessionAppendV2Builder(new UploadSessionCursor(sessionId, offset)).withClose(last).start()
                .uploadAndFinish(chunk);
          }
          offset += chunk.count();
          if (chunk.count() < length) {
            throw new IOException(file.path() + " became shorter while it was uploaded");
          }
        } while (offset < size);
      } catch (DbxException | IOException | RuntimeException e) {
        if (sessionId != null) {
          closeSession(sessionId, offset);
        }
        throw e;
      }
      return new Session(sessionId, offset, modified);
    }
  }

  /**
   * The next {@code length} bytes of a file, read on demand and counted; closing it leaves the file
   * open for the next chunk.
   */
  private static final class ChunkStream extends InputStream {
    private final InputStream in;
    private final long length;
    private long count;

    ChunkStream(InputStream in, long length) {
      this.in = in;
      this.length = length;
    }

    /** Returns the bytes read so far (less than the length only if the file ended early). */
    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      if (count >= length) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, buffer.length);
      if (len == 0) {
        return 0;
      }
      if (count >= length) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, length - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() {
      // the file stream belongs to sendBody, which reads the next chunk from it
    }
  }

  /** Closes an unfinished upload session with an empty final append; failures are only logged. */
  private void closeSession(String sessionId, long offset) {
    try {
      files().uploadSessionAppendV2Builder(new UploadSessionCursor(sessionId, offset)).withClose(true).start()
          .uploadAndFinish(new ByteArrayInputStream(new byte[0]));
    } catch (DbxException | IOException | RuntimeException e) {
      LOG.debug("Could not close upload session {}: {}", sessionId, CallRetrier.describe(e));
    }
  }

  private List<EntryResult> commit(List<LocalFile> files, List<Session> sessions, Instant deadline) {
    List<UploadSessionFinishArg> entries = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      CommitInfo commit = CommitInfo.newBuilder(pathOf(files.get(i).name())).withMode(WriteMode.OVERWRITE).build();
      entries.add(new UploadSessionFinishArg(new UploadSessionCursor(sessions.get(i).id(), sessions.get(i).size()), commit));
    }
    UploadSessionFinishBatchResult result;
    try {
      result = call("commit " + files.size() + " file(s)", deadline, () -> files().uploadSessionFinishBatchV2(entries));
    } catch (DbxException | IOException e) {
      MirrorException translated = translate("commit", e);
      if (translated instanceof DropboxAuthenticationException) {
        throw translated;
      }
      for (int i = 0; i < files.size(); i++) {
        uncommitted.put(files.get(i).name(), sessions.get(i));
      }
      return files.stream().map(file -> failure(file.name(), "commit", e)).toList();
    }
    List<UploadSessionFinishBatchResultEntry> outcomes = result.getEntries();
    if (outcomes.size() != files.size()) {
      throw new TransferException("Dropbox answered " + outcomes.size() + " results for " + files.size()
          + " committed files", true, null, null);
    }
    List<EntryResult> results = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i).name();
      UploadSessionFinishBatchResultEntry outcome = outcomes.get(i);
      if (outcome.isSuccess()) {
        uncommitted.remove(name);
        results.add(EntryResult.done(name, outcome.getSuccessValue().getContentHash()));
        continue;
      }
      UploadSessionFinishError error = outcome.getFailureValue();
      boolean tooManyWrites = error.isTooManyWriteOperations()
          || (error.isPath() && error.getPathValue().isTooManyWriteOperations());
      if (tooManyWrites) {
        // the session stays valid: the next round finishes it again without resending the bytes
        uncommitted.put(name, sessions.get(i));
        results.add(EntryResult.rateLimited(name, "too_many_write_operations", null));
      } else if (error.isLookupFailed()) {
        uncommitted.remove(name);
        results.add(EntryResult.failed(name, "upload session lost: " + error.getLookupFailedValue(), true, null));
      } else {
        uncommitted.remove(name);
        results.add(EntryResult.failed(name, "commit refused: " + error, false, null));
      }
    }
    return results;
  }

  @Override
  public List<EntryResult> delete(List<String> names, Instant deadline) {
    ensureToken();
    List<EntryResult> results = new ArrayList<>();
    for (int from = 0; from < names.size(); from += MAX_ENTRIES_PER_CALL) {
      results.addAll(deleteBatch(names.subList(from, Math.min(names.size(), from + MAX_ENTRIES_PER_CALL)), deadline));
    }
    return results;
  }

  private List<EntryResult> deleteBatch(List<String> names, Instant deadline) {
    List<DeleteArg> args = names.stream().map(name -> new DeleteArg(pathOf(name))).toList();
    List<DeleteBatchResultEntry> entries;
    try {
      DeleteBatchLaunch launch = call("delete " + names.size() + " file(s)", deadline, () -> files().deleteBatch(args));
      if (launch.isComplete()) {
        entries = launch.getCompleteValue().getEntries();
      } else if (launch.isAsyncJobId()) {
        entries = awaitDeletion(launch.getAsyncJobIdValue(), names.size(), deadline);
      } else {
        throw new TransferException("Unexpected answer to delete_batch: " + launch, true, null, null);
      }
    } catch (DbxException | IOException e) {
      MirrorException translated = translate("delete", e);
      if (translated instanceof TransferException transfer) {
        throw transfer;
      }
      throw translated;
    }
    if (entries.size() != names.size()) {
      throw new TransferException("Dropbox answered " + entries.size() + " results for " + names.size()
          + " deleted files", true, null, null);
    }
    List<EntryResult> results = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      DeleteBatchResultEntry entry = entries.get(i);
      String name = names.get(i);
      if (entry.isSuccess()) {
        results.add(EntryResult.done(name, null));
        continue;
      }
      DeleteError error = entry.getFailureValue();
      if (error.isPathLookup() && error.getPathLookupValue().isNotFound()) {
        results.add(EntryResult.done(name, null));
      } else if (error.isTooManyWriteOperations()
          || (error.isPathWrite() && error.getPathWriteValue().isTooManyWriteOperations())) {
        results.add(EntryResult.rateLimited(name, "too_many_write_operations", null));
      } else {
        results.add(EntryResult.failed(name, "delete refused: " + error, false, null));
      }
    }
    return results;
  }

  /** Polls a deletion job until it ends or the deadline passes. */
  private List<DeleteBatchResultEntry> awaitDeletion(String jobId, int count, Instant deadline)
      throws DbxException, IOException {
    while (true) {
      DeleteBatchJobStatus status = call("check deletion", deadline, () -> files().deleteBatchCheck(jobId));
      if (status.isComplete()) {
        return status.getCompleteValue().getEntries();
      }
      if (status.isFailed()) {
        boolean tooMany = status.getFailedValue() == DeleteBatchError.TOO_MANY_WRITE_OPERATIONS;
        throw new TransferException("Dropbox could not delete the batch: " + status.getFailedValue(), tooMany, null,
            tooMany, null);
      }
      if (clock.instant().plus(pollInterval).isAfter(deadline)) {
        throw new TransferException("Dropbox had not finished deleting " + count + " file(s) when the deadline ended;"
            + " they may still be deleted", false, null, null);
      }
      try {
        sleeper.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DropboxSyncException("Interrupted while waiting for a deletion", e);
      }
    }
  }

  @Override
  public void close() {
    uploads.shutdownNow();
    uncommitted.clear();
  }

  // ---- calls, tokens and errors ----

  private DbxUserFilesRequests files() {
    return client.files();
  }

  private <T> T call(String what, CallRetrier.Call<T> call) throws DbxException, IOException {
    return call(what, clock.instant().plus(retry.uploadDeadline()), call);
  }

  /**
   * Runs a call with retries, rate limits until the deadline; an expired or refused access token is
   * refreshed once and the call repeated.
   */
  private <T> T call(String what, Instant deadline, CallRetrier.Call<T> call) throws DbxException, IOException {
    return retrier.run(what, deadline, () -> {
      int generation = tokenGeneration;
      try {
        return call.run();
      } catch (InvalidAccessTokenException e) {
        LOG.debug("Access token refused during {}; refreshing it", what);
        refreshToken(generation);
        try {
          return call.run();
        } catch (InvalidAccessTokenException again) {
          throw new DropboxAuthenticationException("Dropbox refused a freshly refreshed access token during " + what
              + " (" + again.getAuthError().tag() + "); check the app's permissions", null, again);
        }
      }
    });
  }

  /** Obtains an access token once, before any work runs in parallel. */
  private void ensureToken() {
    if (!tokenFresh) {
      refreshToken(tokenGeneration);
    }
  }

  private void refreshToken(int seenGeneration) {
    synchronized (refreshLock) {
      if (tokenGeneration != seenGeneration && tokenFresh) {
        return; // another thread refreshed meanwhile
      }
      try {
        retrier.run("refresh access token", client::refreshAccessToken);
        tokenFresh = true;
        tokenGeneration++;
      } catch (DbxOAuthException e) {
        throw authenticationError(e);
      } catch (DbxException | IOException e) {
        throw translate("refresh access token", e);
      }
    }
  }

  private static DropboxAuthenticationException authenticationError(DbxOAuthException e) {
    String code = e.getDbxOAuthError() == null ? null : e.getDbxOAuthError().getError();
    String description = e.getDbxOAuthError() == null ? null : e.getDbxOAuthError().getErrorDescription();
    String message;
    if ("invalid_grant".equals(code)) {
      message = "Dropbox refused the refresh token (invalid_grant): it is wrong, revoked or belongs to another app;"
          + " create a new refresh token";
    } else if (description != null && description.toLowerCase(Locale.ROOT).contains("client")) {
      // the SDK reports Dropbox's invalid_client as "unknown"; the description says what was refused
      message = "Dropbox refused the app key or app secret (" + description + ")";
    } else {
      message = "Dropbox refused the credentials (" + code + (description == null ? "" : ": " + description) + ")";
    }
    // the SDK's exception stays the cause; its message is not quoted (it could carry a request's details)
    return new DropboxAuthenticationException(message, code, e);
  }

  private MirrorException translate(String what, Throwable e) {
    if (e instanceof MirrorException own) {
      return own;
    }
    if (e instanceof DbxOAuthException oauth) {
      return authenticationError(oauth);
    }
    if (e instanceof InvalidAccessTokenException token) {
      return new DropboxAuthenticationException("Dropbox refused the access token during " + what + " ("
          + token.getAuthError().tag() + ")", null, token);
    }
    if (e instanceof AccessErrorException) {
      return new FolderAccessException(folder, "Dropbox denied access during " + what, e);
    }
    Duration wait = CallRetrier.serverWait(e).orElse(null);
    return new TransferException(what + " failed: " + CallRetrier.describe(e), CallRetrier.isTransient(e), wait,
        CallRetrier.isRateLimit(e), e);
  }

  private EntryResult failure(String name, String what, Throwable e) {
    MirrorException translated = translate(what + " " + name, e);
    boolean retryable = !(translated instanceof TransferException transfer) || transfer.retryable();
    Duration wait = translated instanceof TransferException transfer ? transfer.retryAfter().orElse(null) : null;
    if (translated instanceof TransferException transfer && transfer.rateLimited()) {
      return EntryResult.rateLimited(name, translated.getMessage(), wait);
    }
    return EntryResult.failed(name, translated.getMessage(), retryable, wait);
  }

  private String pathOf(String name) {
    return folder + "/" + LocalFile.checkName(name);
  }

  /**
   * Checks a folder path and returns it without trailing slashes. The one rule for a mirror's
   * Dropbox folder: an absolute path ({@code /cred}, {@code /reports/cred}), not the root of the
   * account, with no empty, {@code .} or {@code ..} part and no control character.
   */
  private static String normalizeFolder(String folder) {
    Objects.requireNonNull(folder, "folder");
    String path = folder.strip();
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty() || path.equals("/")) {
      throw new DropboxConfigurationException("folder", "the Dropbox folder must not be the root of the account (a mirror deletes "
          + "every file not in its selection): expected a path such as /cred, got '" + folder + "'");
    }
    if (!path.startsWith("/")) {
      throw new DropboxConfigurationException("folder", "the Dropbox folder must be an absolute path such as /cred: got '"
          + folder + "'");
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      throw new DropboxConfigurationException("folder", "the Dropbox folder must not contain control characters");
    }
    for (String part : path.substring(1).split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new DropboxConfigurationException("folder", "the Dropbox folder must be a path such as /cred without empty, '.' or"
            + " '..' parts: got '" + folder + "'");
      }
    }
    return path;
  }

  /** A mutable builder of {@link DropboxFolderTarget}; not thread-safe. */
  public static final class Builder {
    private final DropboxCredentials credentials;
    private String folder = "/cred";
    private String baseUrl;
    private int concurrency = 8;
    private int chunkSize = 8 * 1024 * 1024;
    private RetrySettings retry = RetrySettings.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Duration connectTimeout = Duration.ofSeconds(20);
    private Duration readTimeout = Duration.ofSeconds(120);
    private Duration pollInterval = Duration.ofMillis(250);
    private String clientIdentifier = "integrated-sync";

    private Builder(DropboxCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Sets the folder to mirror into (default {@code /cred}), checked at once: an absolute path
     * such as {@code /cred} or {@code /reports/cred}, not the root of the account, without empty,
     * {@code .} or {@code ..} parts or control characters; trailing slashes are dropped.
     *
     * @param value the path
     * @return this builder
     * @throws DropboxConfigurationException if the path breaks that rule; the message says how, in one line
     */
    public Builder folder(String value) {
      this.folder = normalizeFolder(value);
      return this;
    }

    /**
     * Sends every request to this base URL instead of Dropbox's hosts (for proxies and tests).
     *
     * @param value for example {@code http://127.0.0.1:8080}; null or blank for Dropbox itself
     * @return this builder
     * @throws DropboxConfigurationException if the value is not an http or https URL
     */
    public Builder baseUrl(String value) {
      if (value == null || value.isBlank()) {
        this.baseUrl = null;
        return this;
      }
      URI uri;
      try {
        uri = URI.create(value.strip());
      } catch (IllegalArgumentException e) {
        throw new DropboxConfigurationException("baseUrl", "Dropbox base URL must be an http or https URL such as "
            + "http://127.0.0.1:8080: " + value);
      }
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new DropboxConfigurationException("baseUrl", "Dropbox base URL must be an http or https URL such as "
            + "http://127.0.0.1:8080: " + value);
      }
      this.baseUrl = value.strip();
      return this;
    }

    /** Sets how many file bodies are uploaded at once (default 8). @param value 1 to 64 @return this builder */
    public Builder concurrency(int value) {
      if (value < 1 || value > 64) {
        throw new DropboxConfigurationException("concurrency", "concurrency must be between 1 and 64: " + value);
      }
      this.concurrency = value;
      return this;
    }

    /** Sets the bytes sent per upload request (default 8 MiB). @param value at least 1 @return this builder */
    public Builder chunkSize(int value) {
      if (value < 1 || value > 150 * 1024 * 1024) {
        throw new DropboxConfigurationException("chunkSize", "chunkSize must be between 1 byte and 150 MiB: " + value);
      }
      this.chunkSize = value;
      return this;
    }

    /** Sets how calls are retried. @param value the retry settings @return this builder */
    public Builder retry(RetrySettings value) {
      this.retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    /**
     * Sets the time source and the way of waiting: the seam for tests, which run retries, rate
     * limits and deadlines in virtual time.
     */
    Builder time(Clock clock, Sleeper sleeper) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the HTTP timeouts.
     *
     * @param connect connect timeout
     * @param read read timeout
     * @return this builder
     */
    public Builder timeouts(Duration connect, Duration read) {
      this.connectTimeout = Objects.requireNonNull(connect, "connect");
      this.readTimeout = Objects.requireNonNull(read, "read");
      return this;
    }

    /** Sets the wait between checks of a running deletion (default 250 ms). @param value the interval @return this builder */
    public Builder pollInterval(Duration value) {
      this.pollInterval = Objects.requireNonNull(value, "pollInterval");
      return this;
    }

    /**
     * Builds the target. No request is made until the first call.
     *
     * @return the target
     */
    public DropboxFolderTarget build() {
      return new DropboxFolderTarget(this);
    }
  }
}
