package org.integratedsync.testkit.dropbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * An in-memory Dropbox speaking the documented HTTP API that the official SDK uses, on
 * MockWebServer. Every host (api, content, notify, oauth2) is served on one base URL; point the
 * client's base URL (or {@code DROPBOX_BASE_URL}) at {@link #baseUrl()}.
 *
 * <p>Served: {@code POST /oauth2/token} (refresh-token grant), {@code list_folder} and {@code
 * continue} (paged), {@code get_metadata}, {@code create_folder_v2}, single-request {@code upload}
 * (the one-file-at-a-time way, for comparisons), upload sessions ({@code start},
 * {@code append_v2}, {@code finish_batch_v2} with per-entry results), {@code delete_batch} and
 * {@code delete_batch/check}. The fake computes content hashes itself ({@link DropboxHash}).
 *
 * <p>Faults: queued per endpoint ({@link #failNext}), per path inside a commit ({@link
 * #failEntry}), latency ({@link #setLatency}), write-lock contention ({@link
 * #setWriteLockContention}) and seeded random failures ({@link #setRandomFailures}). Every request
 * is logged ({@link #requests()}); {@link #retryAfterViolations()} lists writes that touched a path
 * before the {@code Retry-After} sent for it had elapsed.
 *
 * <p>Use from JUnit or plain Java: {@code try (FakeDropbox dropbox = FakeDropbox.start()) { … }}.
 * Thread-safe.
 */
public final class FakeDropbox implements AutoCloseable {

  /** The app key the fake accepts by default. */
  public static final String APP_KEY = "fake-app-key";
  /** The app secret the fake accepts by default. */
  public static final String APP_SECRET = "fake-app-secret";
  /** The refresh token the fake accepts by default. */
  public static final String REFRESH_TOKEN = "fake-refresh-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private final MockWebServer server = new MockWebServer();
  private final Object lock = new Object();

  // state, guarded by lock
  private final Map<String, StoredFile> files = new TreeMap<>();
  private final Map<String, String> folders = new TreeMap<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, Cursor> cursors = new HashMap<>();
  private final Map<String, DeleteJob> deleteJobs = new HashMap<>();
  private final Map<String, Boolean> accessTokens = new HashMap<>();
  private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
  private final Map<String, Deque<EntryFault>> entryFaults = new HashMap<>();
  private Random random;
  private double randomRateLimited;
  private double randomUnavailable;
  private double randomEntryFailures;
  private Duration randomRetryAfter;
  private int contentionRetryAfter = -1;

  private volatile String appKey = APP_KEY;
  private volatile String appSecret = APP_SECRET;
  private volatile String refreshToken = REFRESH_TOKEN;
  private volatile Duration latency = Duration.ZERO;
  private volatile Consumer<Endpoint> arrivalHook = endpoint -> { };
  private volatile int listPageSize = 500;
  private volatile int deletePollsBeforeComplete = 1;

  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final AtomicInteger writesInFlight = new AtomicInteger();
  private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();

  private record StoredFile(String displayPath, byte[] content, String hash, String rev, String id, Instant modified) {}

  private static final class Session {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean closed;
  }

  private record Cursor(List<ObjectNode> entries, int offset) {}

  private static final class DeleteJob {
    final ArrayNode entries;
    int pollsLeft;

    DeleteJob(ArrayNode entries, int pollsLeft) {
      this.entries = entries;
      this.pollsLeft = pollsLeft;
    }
  }

  private FakeDropbox() {}

  /**
   * Starts a fake on a free port of 127.0.0.1.
   *
   * @return the running fake
   * @throws UncheckedIOException if the server cannot start
   */
  public static FakeDropbox start() {
    FakeDropbox fake = new FakeDropbox();
    fake.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return fake.handle(request);
      }
    });
    try {
      fake.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Dropbox fake", e);
    }
    return fake;
  }

  /**
   * Runs a fake until the process is stopped, printing its base URL and the credentials it accepts
   * (fixed test values, not secrets), for manual runs of the command line against it.
   *
   * @param args ignored
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    FakeDropbox fake = start();
    System.out.println("DROPBOX_BASE_URL=" + fake.baseUrl());
    System.out.println("DROPBOX_APP_KEY=" + APP_KEY);
    System.out.println("DROPBOX_APP_SECRET=" + APP_SECRET);
    System.out.println("DROPBOX_REFRESH_TOKEN=" + REFRESH_TOKEN);
    Thread.currentThread().join();
  }

  /** Returns the base URL serving every Dropbox host, such as {@code http://127.0.0.1:40123}. */
  public String baseUrl() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- configuration ----

  /**
   * Sets the app key, app secret and refresh token the token endpoint accepts.
   *
   * @param key app key
   * @param secret app secret
   * @param token refresh token
   */
  public void setCredentials(String key, String secret, String token) {
    this.appKey = key;
    this.appSecret = secret;
    this.refreshToken = token;
  }

  /**
   * Writes a {@code dropbox_credentials.json} holding the accepted credentials.
   *
   * @param file where to write
   * @return the file
   */
  public Path writeCredentialsFile(Path file) {
    ObjectNode node = JSON.createObjectNode().put("app_key", appKey).put("app_secret", appSecret)
        .put("refresh_token", refreshToken);
    try {
      Files.writeString(file, node.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Calls the hook on the serving thread as each request arrives, after it counts as in flight and
   * before it is answered: a test can hold one request in flight (block in the hook) until another
   * has arrived, to make overlaps certain instead of timed. Default: does nothing.
   *
   * @param hook receives the request's endpoint (null for an unknown path); must not throw
   */
  public void onArrival(Consumer<Endpoint> hook) {
    this.arrivalHook = hook == null ? endpoint -> { } : hook;
  }

  /** Delays every answer by this much (server-side work time). @param value the latency */
  public void setLatency(Duration value) {
    this.latency = value;
  }

  /** Sets the entries per {@code list_folder} page (default 500). @param value at least 1 */
  public void setListPageSize(int value) {
    this.listPageSize = value;
  }

  /** Sets how many {@code delete_batch/check} calls answer {@code in_progress} first (default 1). @param value polls */
  public void setDeletePollsBeforeComplete(int value) {
    this.deletePollsBeforeComplete = value;
  }

  /**
   * Answers the next {@code times} requests to an endpoint with a fault (after any faults queued earlier).
   *
   * @param endpoint the endpoint
   * @param times how many requests
   * @param fault the answer
   */
  public void failNext(Endpoint endpoint, int times, Fault fault) {
    synchronized (lock) {
      Deque<Fault> queue = faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
  }

  /**
   * Fails the next {@code times} commits of a path inside {@code finish_batch_v2} with a per-entry
   * error; the entry's session stays usable.
   *
   * @param path the Dropbox path, such as {@code /cred/a.xlsx}
   * @param times how many commits
   * @param fault the entry error
   */
  public void failEntry(String path, int times, EntryFault fault) {
    synchronized (lock) {
      Deque<EntryFault> queue = entryFaults.computeIfAbsent(lower(path), p -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
  }

  /**
   * Answers a commit ({@code finish_batch_v2}, {@code delete_batch}, {@code create_folder_v2}) that
   * arrives while another is still being served with HTTP 429 {@code too_many_write_operations},
   * like Dropbox's namespace lock.
   *
   * @param retryAfter the {@code Retry-After} to send, whole seconds; null turns contention off
   */
  public void setWriteLockContention(Duration retryAfter) {
    synchronized (lock) {
      contentionRetryAfter = retryAfter == null ? -1 : (int) retryAfter.toSeconds();
    }
  }

  /**
   * Fails write requests and commit entries at random, reproducibly: a share of write requests gets
   * HTTP 429 {@code too_many_write_operations} with {@code Retry-After} 1–2 s, a share gets 503, and
   * a share of {@code finish_batch_v2} entries fails with {@code too_many_write_operations} (both
   * shapes, alternating).
   *
   * @param seed the random seed
   * @param rateLimited share of write requests answered 429, 0 to 1
   * @param unavailable share of write requests answered 503, 0 to 1
   * @param entryFailures share of commit entries failed, 0 to 1
   */
  public void setRandomFailures(long seed, double rateLimited, double unavailable, double entryFailures) {
    setRandomFailures(seed, rateLimited, unavailable, entryFailures, null);
  }

  /**
   * Like {@link #setRandomFailures(long, double, double, double)}, with one fixed {@code Retry-After}
   * on every random 429.
   *
   * @param seed the random seed
   * @param rateLimited share of write requests answered 429, 0 to 1
   * @param unavailable share of write requests answered 503, 0 to 1
   * @param entryFailures share of commit entries failed, 0 to 1
   * @param retryAfter the {@code Retry-After} of the random 429s (whole seconds), or null for 1–2 s at random
   */
  public void setRandomFailures(long seed, double rateLimited, double unavailable, double entryFailures,
      Duration retryAfter) {
    synchronized (lock) {
      random = new Random(seed);
      randomRateLimited = rateLimited;
      randomUnavailable = unavailable;
      randomEntryFailures = entryFailures;
      randomRetryAfter = retryAfter;
    }
  }

  /** Turns random failures off. */
  public void clearRandomFailures() {
    synchronized (lock) {
      random = null;
    }
  }

  /** Expires every access token issued so far: the next call with one gets 401 {@code expired_access_token}. */
  public void expireAccessTokens() {
    synchronized (lock) {
      accessTokens.replaceAll((token, valid) -> false);
    }
  }

  // ---- state ----

  /**
   * Stores a file directly (creating parent folders).
   *
   * @param path the Dropbox path, such as {@code /cred/a.xlsx}
   * @param content the content
   */
  public void putFile(String path, byte[] content) {
    synchronized (lock) {
      store(path, content);
    }
  }

  /** Creates a folder and its parents. @param path the Dropbox path */
  public void createFolder(String path) {
    synchronized (lock) {
      mkdirs(path);
    }
  }

  /** Returns a stored file's content. @param path the Dropbox path (any case) @return the content, if the file exists */
  public Optional<byte[]> content(String path) {
    synchronized (lock) {
      StoredFile file = files.get(lower(path));
      return file == null ? Optional.empty() : Optional.of(file.content().clone());
    }
  }

  /** Returns whether a folder exists. @param path the Dropbox path @return whether it exists */
  public boolean folderExists(String path) {
    synchronized (lock) {
      return folders.containsKey(lower(path));
    }
  }

  /**
   * Returns the names of the files directly in a folder, sorted.
   *
   * @param folder the Dropbox folder path
   * @return the file names as displayed
   */
  public List<String> fileNames(String folder) {
    synchronized (lock) {
      String parent = lower(folder);
      List<String> names = new ArrayList<>();
      files.forEach((key, file) -> {
        if (parentOf(key).equals(parent)) {
          names.add(nameOf(file.displayPath()));
        }
      });
      names.sort(null);
      return names;
    }
  }

  /** Returns how many times an access token was issued from the refresh token. */
  public int refreshCount() {
    return refreshes.get();
  }

  /** Returns the bytes received by upload-session calls (start and append). */
  public long uploadedBytes() {
    return uploadedBytes.get();
  }

  /** Returns every request answered so far, in order of arrival. */
  public List<LoggedRequest> requests() {
    List<LoggedRequest> copy = new ArrayList<>(log);
    copy.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    return copy;
  }

  /** Returns the requests to one endpoint, in order of arrival. @param endpoint the endpoint @return the requests */
  public List<LoggedRequest> requests(Endpoint endpoint) {
    return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  /** Forgets the request log and counters (not the stored files). */
  public void clearLog() {
    log.clear();
    uploadedBytes.set(0);
    refreshes.set(0);
  }

  /**
   * Lists every write request that touched a path (or append session) before the {@code
   * Retry-After} of an earlier 429 answer for that path had elapsed, measured from the moment the
   * 429 was ready to send to the arrival of the later request.
   *
   * @return one line per violation; empty when the client waited long enough every time
   */
  public List<String> retryAfterViolations() {
    List<LoggedRequest> all = requests();
    List<String> violations = new ArrayList<>();
    for (LoggedRequest limited : all) {
      if (limited.status() != 429 || limited.retryAfter() == null || limited.keys().isEmpty()) {
        continue;
      }
      long allowedFrom = limited.respondedNanos() + limited.retryAfter().toNanos();
      for (LoggedRequest later : all) {
        if (later.sequence() <= limited.sequence() || later.endpoint() == null || !later.endpoint().isWrite()
            || later.receivedNanos() >= allowedFrom) {
          continue;
        }
        Set<String> shared = new HashSet<>(later.keys());
        shared.retainAll(limited.keys());
        if (!shared.isEmpty()) {
          violations.add("request #" + later.sequence() + " (" + later.endpoint() + ") touched " + shared + " "
              + Duration.ofNanos(allowedFrom - later.receivedNanos()).toMillis() + " ms before the Retry-After of "
              + limited.retryAfter().toSeconds() + " s sent with request #" + limited.sequence() + " elapsed");
        }
      }
    }
    return violations;
  }

  // ---- serving ----

  private record Answer(MockResponse response, int status, List<String> keys, List<String> committed,
      Duration retryAfter) {
    static Answer of(MockResponse response, int status) {
      return new Answer(response, status, List.of(), List.of(), null);
    }
  }

  private MockResponse handle(RecordedRequest request) {
    long received = System.nanoTime();
    Instant receivedAt = Instant.now();
    long seq = sequence.incrementAndGet();
    Endpoint endpoint = Endpoint.ofPath(request.getUrl().encodedPath());
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    Answer answer;
    boolean commit = endpoint == Endpoint.FINISH_BATCH || endpoint == Endpoint.UPLOAD || endpoint == Endpoint.DELETE_BATCH
        || endpoint == Endpoint.CREATE_FOLDER;
    boolean contended = commit && writesInFlight.getAndIncrement() > 0;
    try {
      arrivalHook.accept(endpoint);
      sleep(latency);
      answer = serve(endpoint, request, body, contended);
    } catch (RuntimeException e) {
      answer = Answer.of(text(500, "fake failed: " + e), 500);
    } finally {
      if (commit) {
        writesInFlight.decrementAndGet();
      }
    }
    log.add(new LoggedRequest(seq, endpoint, received, System.nanoTime(), receivedAt, answer.status(), answer.keys(),
        answer.committed(), answer.retryAfter(), body.length));
    return answer.response();
  }

  private Answer serve(Endpoint endpoint, RecordedRequest request, byte[] body, boolean contended) {
    if (endpoint == null) {
      return Answer.of(text(404, "Unknown endpoint " + request.getUrl().encodedPath()), 404);
    }
    if (endpoint == Endpoint.TOKEN) {
      return token(request, body);
    }
    String authorization = request.getHeaders().get("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    JsonNode arg;
    try {
      if (endpoint.isContent()) {
        String header = request.getHeaders().get("Dropbox-API-Arg");
        arg = JSON.readTree(header == null ? "{}" : header);
      } else {
        arg = JSON.readTree(body.length == 0 ? "null".getBytes(StandardCharsets.UTF_8) : body);
      }
    } catch (IOException e) {
      return Answer.of(text(400, "Error in call to API function: request body could not be decoded as JSON"), 400);
    }
    List<String> keys = keysOf(endpoint, arg);
    Fault fault;
    synchronized (lock) {
      Boolean valid = token == null ? null : accessTokens.get(token);
      if (valid == null) {
        return new Answer(authError("invalid_access_token"), 401, keys, List.of(), null);
      }
      if (!valid) {
        return new Answer(authError("expired_access_token"), 401, keys, List.of(), null);
      }
      fault = nextFault(endpoint, contended);
      if (fault != null && fault.status() == 401) {
        accessTokens.replaceAll((t, v) -> false);
      }
    }
    if (fault != null) {
      return new Answer(faultResponse(fault), fault.status(), keys, List.of(),
          fault.retryAfterSeconds() >= 0 ? Duration.ofSeconds(fault.retryAfterSeconds()) : null);
    }
    if (endpoint.isContent()) {
      uploadedBytes.addAndGet(body.length);
    }
    synchronized (lock) {
      return switch (endpoint) {
        case LIST_FOLDER -> listFolder(arg);
        case LIST_FOLDER_CONTINUE -> listContinue(arg);
        case GET_METADATA -> getMetadata(arg);
        case CREATE_FOLDER -> createFolderCall(arg, keys);
        case UPLOAD -> upload(arg, body, keys);
        case UPLOAD_START -> uploadStart(arg, body);
        case UPLOAD_APPEND -> uploadAppend(arg, body, keys);
        case FINISH_BATCH -> finishBatch(arg, keys);
        case DELETE_BATCH -> deleteBatch(arg, keys);
        case DELETE_BATCH_CHECK -> deleteCheck(arg);
        case TOKEN -> throw new IllegalStateException();
      };
    }
  }

  private Fault nextFault(Endpoint endpoint, boolean contended) {
    Deque<Fault> queue = faults.get(endpoint);
    if (queue != null && !queue.isEmpty()) {
      return queue.poll();
    }
    if (contended && contentionRetryAfter >= 0) {
      return Fault.tooManyWriteOperations(Duration.ofSeconds(contentionRetryAfter));
    }
    if (random != null && endpoint.isWrite()) {
      double roll = random.nextDouble();
      if (roll < randomUnavailable) {
        return Fault.unavailable();
      }
      if (roll < randomUnavailable + randomRateLimited) {
        return Fault.tooManyWriteOperations(
            randomRetryAfter != null ? randomRetryAfter : Duration.ofSeconds(1 + random.nextInt(2)));
      }
    }
    return null;
  }

  private static List<String> keysOf(Endpoint endpoint, JsonNode arg) {
    List<String> keys = new ArrayList<>();
    if (arg == null) {
      return keys;
    }
    switch (endpoint) {
      case FINISH_BATCH -> arg.path("entries").forEach(e -> keys.add(lower(e.path("commit").path("path").asText())));
      case DELETE_BATCH -> arg.path("entries").forEach(e -> keys.add(lower(e.path("path").asText())));
      case CREATE_FOLDER, UPLOAD -> keys.add(lower(arg.path("path").asText()));
      case UPLOAD_APPEND -> keys.add("session:" + arg.path("cursor").path("session_id").asText());
      default -> { }
    }
    return keys;
  }

  private Answer token(RecordedRequest request, byte[] body) {
    Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    String basic = request.getHeaders().get("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String decoded = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      clientId = colon < 0 ? decoded : decoded.substring(0, colon);
      clientSecret = colon < 0 ? null : decoded.substring(colon + 1);
    }
    synchronized (lock) {
      Fault fault = nextFault(Endpoint.TOKEN, false);
      if (fault != null) {
        return new Answer(faultResponse(fault), fault.status(), List.of(), List.of(), null);
      }
    }
    if (!"refresh_token".equals(form.get("grant_type"))) {
      return Answer.of(oauthError(400, "unsupported_grant_type", "grant_type must be refresh_token"), 400);
    }
    if (!appKey.equals(clientId) || !appSecret.equals(clientSecret)) {
      return Answer.of(oauthError(400, "invalid_client", "Invalid client_id or client_secret"), 400);
    }
    if (!refreshToken.equals(form.get("refresh_token"))) {
      return Answer.of(oauthError(400, "invalid_grant", "refresh token is invalid or revoked"), 400);
    }
    String accessToken = "fake-access-" + ids.incrementAndGet();
    synchronized (lock) {
      accessTokens.put(accessToken, true);
    }
    refreshes.incrementAndGet();
    ObjectNode node = JSON.createObjectNode().put("access_token", accessToken).put("token_type", "bearer")
        .put("expires_in", 14400);
    return Answer.of(json(200, node), 200);
  }

  private Answer listFolder(JsonNode arg) {
    String path = arg.path("path").asText();
    String key = lower(path);
    if (!key.isEmpty() && !folders.containsKey(key)) {
      String tag = files.containsKey(key) ? "not_folder" : "not_found";
      return Answer.of(apiError("path/" + tag + "/", pathError("path", tag)), 409);
    }
    List<ObjectNode> entries = new ArrayList<>();
    folders.forEach((folderKey, display) -> {
      if (!folderKey.isEmpty() && parentOf(folderKey).equals(key)) {
        entries.add(folderMetadata(display));
      }
    });
    files.forEach((fileKey, file) -> {
      if (parentOf(fileKey).equals(key)) {
        entries.add(fileMetadata(file, null));
      }
    });
    return Answer.of(json(200, page(entries, 0)), 200);
  }

  private ObjectNode page(List<ObjectNode> entries, int offset) {
    int end = Math.min(entries.size(), offset + listPageSize);
    ArrayNode array = JSON.createArrayNode();
    entries.subList(offset, end).forEach(array::add);
    String cursor = "cursor-" + ids.incrementAndGet();
    cursors.put(cursor, new Cursor(entries, end));
    return JSON.createObjectNode().<ObjectNode>set("entries", array).put("cursor", cursor)
        .put("has_more", end < entries.size());
  }

  private Answer listContinue(JsonNode arg) {
    Cursor cursor = cursors.get(arg.path("cursor").asText());
    if (cursor == null) {
      return Answer.of(apiError("reset/", JSON.createObjectNode().put(".tag", "reset")), 409);
    }
    return Answer.of(json(200, page(cursor.entries(), cursor.offset())), 200);
  }

  private Answer getMetadata(JsonNode arg) {
    String key = lower(arg.path("path").asText());
    StoredFile file = files.get(key);
    if (file != null) {
      return Answer.of(json(200, fileMetadata(file, null)), 200);
    }
    String folder = folders.get(key);
    if (folder != null && !key.isEmpty()) {
      return Answer.of(json(200, folderMetadata(folder)), 200);
    }
    return Answer.of(apiError("path/not_found/", pathError("path", "not_found")), 409);
  }

  private Answer createFolderCall(JsonNode arg, List<String> keys) {
    String path = arg.path("path").asText();
    String key = lower(path);
    if (folders.containsKey(key) || files.containsKey(key)) {
      ObjectNode conflict = JSON.createObjectNode().put(".tag", "conflict");
      conflict.set("conflict", JSON.createObjectNode().put(".tag", folders.containsKey(key) ? "folder" : "file"));
      ObjectNode error = JSON.createObjectNode().put(".tag", "path");
      error.set("path", conflict);
      return new Answer(apiError("path/conflict/", error), 409, keys, List.of(), null);
    }
    mkdirs(path);
    ObjectNode result = JSON.createObjectNode();
    result.set("metadata", folderMetadata(folders.get(key)));
    return new Answer(json(200, result), 200, keys, List.of(key), null);
  }

  private Answer upload(JsonNode arg, byte[] body, List<String> keys) {
    String path = arg.path("path").asText();
    String key = lower(path);
    if (!path.startsWith("/") || path.endsWith("/") || folders.containsKey(key)) {
      // UploadError.path carries an UploadWriteFailed: the write error as "reason"
      ObjectNode error = JSON.createObjectNode().put(".tag", "path");
      ObjectNode reason = JSON.createObjectNode().put(".tag", folders.containsKey(key) ? "conflict" : "malformed_path");
      if (folders.containsKey(key)) {
        reason.set("conflict", JSON.createObjectNode().put(".tag", "folder"));
      }
      error.set("reason", reason);
      error.put("upload_session_id", "none");
      return new Answer(apiError("path/", error), 409, keys, List.of(), null);
    }
    StoredFile stored = store(path, body);
    return new Answer(json(200, fileMetadata(stored, null)), 200, keys, List.of(key), null);
  }

  private Answer uploadStart(JsonNode arg, byte[] body) {
    String id = "session-" + ids.incrementAndGet();
    Session session = new Session();
    session.data.writeBytes(body);
    session.closed = arg.path("close").asBoolean(false);
    sessions.put(id, session);
    return new Answer(json(200, JSON.createObjectNode().put("session_id", id)), 200, List.of("session:" + id),
        List.of(), null);
  }

  private Answer uploadAppend(JsonNode arg, byte[] body, List<String> keys) {
    String id = arg.path("cursor").path("session_id").asText();
    long offset = arg.path("cursor").path("offset").asLong(-1);
    Session session = sessions.get(id);
    ObjectNode lookup;
    if (session == null) {
      lookup = JSON.createObjectNode().put(".tag", "not_found");
    } else if (session.closed) {
      lookup = JSON.createObjectNode().put(".tag", "closed");
    } else if (offset != session.data.size()) {
      lookup = JSON.createObjectNode().put(".tag", "incorrect_offset").put("correct_offset", session.data.size());
    } else {
      session.data.writeBytes(body);
      session.closed = arg.path("close").asBoolean(false);
      return new Answer(jsonText(200, "null"), 200, keys, List.of(), null);
    }
    ObjectNode error = JSON.createObjectNode().put(".tag", "lookup_failed");
    error.set("lookup_failed", lookup);
    return new Answer(apiError("lookup_failed/", error), 409, keys, List.of(), null);
  }

  private Answer finishBatch(JsonNode arg, List<String> keys) {
    ArrayNode results = JSON.createArrayNode();
    List<String> committed = new ArrayList<>();
    boolean alternate = false;
    for (JsonNode entry : arg.path("entries")) {
      String path = entry.path("commit").path("path").asText();
      String key = lower(path);
      ObjectNode failure = null;
      Deque<EntryFault> queued = entryFaults.get(key);
      EntryFault fault = queued == null ? null : queued.poll();
      if (fault == null && random != null && random.nextDouble() < randomEntryFailures) {
        fault = alternate ? EntryFault.PATH_TOO_MANY_WRITE_OPERATIONS : EntryFault.TOO_MANY_WRITE_OPERATIONS;
        alternate = !alternate;
      }
      Session session = sessions.get(entry.path("cursor").path("session_id").asText());
      long offset = entry.path("cursor").path("offset").asLong(-1);
      if (fault == EntryFault.TOO_MANY_WRITE_OPERATIONS) {
        failure = JSON.createObjectNode().put(".tag", "too_many_write_operations");
      } else if (fault == EntryFault.PATH_TOO_MANY_WRITE_OPERATIONS) {
        failure = pathError("path", "too_many_write_operations");
      } else if (fault == EntryFault.INSUFFICIENT_SPACE) {
        failure = pathError("path", "insufficient_space");
      } else if (session == null) {
        failure = lookupFailed(JSON.createObjectNode().put(".tag", "not_found"));
      } else if (offset != session.data.size()) {
        failure = lookupFailed(JSON.createObjectNode().put(".tag", "incorrect_offset")
            .put("correct_offset", session.data.size()));
      } else if (!session.closed) {
        failure = lookupFailed(JSON.createObjectNode().put(".tag", "not_closed"));
      } else if (!path.startsWith("/") || path.endsWith("/")) {
        failure = pathError("path", "malformed_path");
      } else if (folders.containsKey(key)) {
        ObjectNode conflict = JSON.createObjectNode().put(".tag", "conflict");
        conflict.set("conflict", JSON.createObjectNode().put(".tag", "folder"));
        failure = JSON.createObjectNode().put(".tag", "path");
        failure.set("path", conflict);
      }
      if (failure != null) {
        ObjectNode result = JSON.createObjectNode().put(".tag", "failure");
        result.set("failure", failure);
        results.add(result);
        continue;
      }
      sessions.remove(entry.path("cursor").path("session_id").asText());
      StoredFile stored = store(path, session.data.toByteArray());
      committed.add(key);
      results.add(fileMetadata(stored, "success"));
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("entries", results);
    return new Answer(json(200, body), 200, keys, committed, null);
  }

  private Answer deleteBatch(JsonNode arg, List<String> keys) {
    ArrayNode results = JSON.createArrayNode();
    List<String> deleted = new ArrayList<>();
    for (JsonNode entry : arg.path("entries")) {
      String key = lower(entry.path("path").asText());
      StoredFile file = files.remove(key);
      String folder = file == null ? folders.get(key) : null;
      if (file == null && (folder == null || key.isEmpty())) {
        ObjectNode failure = pathError("path_lookup", "not_found");
        ObjectNode result = JSON.createObjectNode().put(".tag", "failure");
        result.set("failure", failure);
        results.add(result);
        continue;
      }
      ObjectNode metadata;
      if (file != null) {
        metadata = fileMetadata(file, null);
      } else {
        metadata = folderMetadata(folder);
        folders.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "/"));
        files.keySet().removeIf(k -> k.startsWith(key + "/"));
      }
      deleted.add(key);
      ObjectNode result = JSON.createObjectNode().put(".tag", "success");
      result.set("metadata", metadata);
      results.add(result);
    }
    String job = "job-" + ids.incrementAndGet();
    deleteJobs.put(job, new DeleteJob(results, deletePollsBeforeComplete));
    ObjectNode launch = JSON.createObjectNode().put(".tag", "async_job_id").put("async_job_id", job);
    return new Answer(json(200, launch), 200, keys, deleted, null);
  }

  private Answer deleteCheck(JsonNode arg) {
    DeleteJob job = deleteJobs.get(arg.path("async_job_id").asText());
    if (job == null) {
      return Answer.of(apiError("invalid_async_job_id/", JSON.createObjectNode().put(".tag", "invalid_async_job_id")),
          409);
    }
    if (job.pollsLeft > 0) {
      job.pollsLeft--;
      return Answer.of(json(200, JSON.createObjectNode().put(".tag", "in_progress")), 200);
    }
    ObjectNode complete = JSON.createObjectNode().put(".tag", "complete");
    complete.set("entries", job.entries);
    return Answer.of(json(200, complete), 200);
  }

  // ---- state helpers (lock held) ----

  private StoredFile store(String path, byte[] content) {
    String key = lower(path);
    mkdirs(path.substring(0, path.lastIndexOf('/')));
    StoredFile previous = files.get(key);
    // like Dropbox, an overwrite keeps the existing path's spelling
    String display = previous == null ? path : previous.displayPath();
    StoredFile file = new StoredFile(display, content.clone(), DropboxHash.of(content),
        String.format(Locale.ROOT, "%015x", ids.incrementAndGet()), previous == null ? "id:" + ids.incrementAndGet()
            : previous.id(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    files.put(key, file);
    return file;
  }

  private void mkdirs(String path) {
    String key = lower(path);
    if (key.isEmpty()) {
      return;
    }
    if (!folders.containsKey(key)) {
      mkdirs(path.substring(0, path.lastIndexOf('/')));
      folders.put(key, path);
    }
  }

  private static String lower(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.equals("/") ? "" : lower;
  }

  private static String parentOf(String key) {
    int slash = key.lastIndexOf('/');
    return slash <= 0 ? "" : key.substring(0, slash);
  }

  private static String nameOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private ObjectNode fileMetadata(StoredFile file, String tag) {
    ObjectNode node = JSON.createObjectNode();
    node.put(".tag", tag == null ? "file" : tag);
    node.put("name", nameOf(file.displayPath()));
    node.put("id", file.id());
    node.put("client_modified", TIME.format(file.modified()));
    node.put("server_modified", TIME.format(file.modified()));
    node.put("rev", file.rev());
    node.put("size", file.content().length);
    node.put("path_lower", lower(file.displayPath()));
    node.put("path_display", file.displayPath());
    node.put("is_downloadable", true);
    node.put("content_hash", file.hash());
    return node;
  }

  private static ObjectNode folderMetadata(String display) {
    return JSON.createObjectNode().put(".tag", "folder").put("name", nameOf(display))
        .put("id", "id:folder-" + Integer.toHexString(lower(display).hashCode())).put("path_lower", lower(display))
        .put("path_display", display);
  }

  private static ObjectNode pathError(String outer, String inner) {
    ObjectNode error = JSON.createObjectNode().put(".tag", outer);
    error.set(outer, JSON.createObjectNode().put(".tag", inner));
    return error;
  }

  private static ObjectNode lookupFailed(ObjectNode lookup) {
    ObjectNode error = JSON.createObjectNode().put(".tag", "lookup_failed");
    error.set("lookup_failed", lookup);
    return error;
  }

  // ---- responses ----

  private static MockResponse json(int status, JsonNode node) {
    return jsonText(status, node.toString());
  }

  private static MockResponse jsonText(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse text(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain; charset=utf-8").body(body)
        .build();
  }

  private static MockResponse apiError(String summary, ObjectNode error) {
    ObjectNode body = JSON.createObjectNode().put("error_summary", summary + "..");
    body.set("error", error);
    return json(409, body);
  }

  private static MockResponse authError(String tag) {
    ObjectNode body = JSON.createObjectNode().put("error_summary", tag + "/..");
    body.set("error", JSON.createObjectNode().put(".tag", tag));
    return json(401, body);
  }

  private static MockResponse oauthError(int status, String error, String description) {
    return json(status, JSON.createObjectNode().put("error", error).put("error_description", description));
  }

  private static MockResponse faultResponse(Fault fault) {
    if (fault.status() == 0) {
      return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }
    if (fault.status() == 401) {
      return authError(fault.reason());
    }
    if (fault.status() == 429) {
      ObjectNode error = JSON.createObjectNode();
      error.set("reason", JSON.createObjectNode().put(".tag", fault.reason()));
      error.put("retry_after", fault.retryAfterSeconds());
      ObjectNode body = JSON.createObjectNode().put("error_summary", fault.reason() + "/..");
      body.set("error", error);
      return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
          .setHeader("Retry-After", String.valueOf(fault.retryAfterSeconds())).body(body.toString()).build();
    }
    MockResponse.Builder builder = new MockResponse.Builder().code(fault.status())
        .setHeader("Content-Type", "text/plain; charset=utf-8").body(fault.reason());
    if (fault.retryAfterSeconds() >= 0) {
      builder.setHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
    }
    return builder.build();
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
  }

  private static void sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
