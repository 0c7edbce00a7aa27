package org.integratedsync.testkit.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's HTTP behaviour seen from a plain HTTP client. (The SDK-level behaviour is tested where
 * the SDK is a dependency: dropbox-uploader's tests.)
 */
class FakeDropboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final FakeDropbox fake = FakeDropbox.start();
  private final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void stop() {
    fake.close();
  }

  private record Reply(int code, String retryAfter, JsonNode body) {}

  private Reply send(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      JsonNode body = text.startsWith("{") || text.startsWith("\"") ? JSON.readTree(text) : null;
      return new Reply(response.code(), response.header("Retry-After"), body);
    }
  }

  private String token() throws IOException {
    return send(tokenRequest(FakeDropbox.APP_SECRET, FakeDropbox.REFRESH_TOKEN)).body().get("access_token").asText();
  }

  private Request tokenRequest(String secret, String refreshToken) {
    return new Request.Builder().url(fake.baseUrl() + "/oauth2/token")
        .post(new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", refreshToken)
            .add("client_id", FakeDropbox.APP_KEY).add("client_secret", secret).build())
        .build();
  }

  private Reply rpc(String token, Endpoint endpoint, String json) throws IOException {
    return send(new Request.Builder().url(fake.baseUrl() + endpoint.path()).header("Authorization", "Bearer " + token)
        .post(RequestBody.create(json, JSON_TYPE)).build());
  }

  @Test
  void tokensAreIssuedOnlyForTheRightAppAndRefreshToken() throws IOException {
    Reply ok = send(tokenRequest(FakeDropbox.APP_SECRET, FakeDropbox.REFRESH_TOKEN));
    assertThat(ok.code()).isEqualTo(200);
    assertThat(ok.body().get("expires_in").asInt()).isPositive();
    assertThat(fake.refreshCount()).isEqualTo(1);

    Reply badSecret = send(tokenRequest("wrong", FakeDropbox.REFRESH_TOKEN));
    assertThat(badSecret.code()).isEqualTo(400);
    assertThat(badSecret.body().get("error").asText()).isEqualTo("invalid_client");

    Reply badToken = send(tokenRequest(FakeDropbox.APP_SECRET, "wrong"));
    assertThat(badToken.body().get("error").asText()).isEqualTo("invalid_grant");
    assertThat(fake.refreshCount()).isEqualTo(1);
  }

  @Test
  void callsWithoutAValidTokenGet401() throws IOException {
    Reply reply = rpc("nonsense", Endpoint.LIST_FOLDER, "{\"path\":\"\"}");
    assertThat(reply.code()).isEqualTo(401);
    assertThat(reply.body().at("/error/.tag").asText()).isEqualTo("invalid_access_token");

    String token = token();
    fake.expireAccessTokens();
    assertThat(rpc(token, Endpoint.LIST_FOLDER, "{\"path\":\"\"}").body().at("/error/.tag").asText())
        .isEqualTo("expired_access_token");
  }

  @Test
  void listingIsPagedAndAMissingFolderIsPathNotFound() throws IOException {
    String token = token();
    fake.setListPageSize(2);
    for (int i = 0; i < 5; i++) {
      fake.putFile("/Cred/f" + i + ".txt", ("content " + i).getBytes(StandardCharsets.UTF_8));
    }

    Reply missing = rpc(token, Endpoint.LIST_FOLDER, "{\"path\":\"/nope\"}");
    assertThat(missing.code()).isEqualTo(409);
    assertThat(missing.body().at("/error/path/.tag").asText()).isEqualTo("not_found");

    List<String> names = new ArrayList<>();
    Reply page = rpc(token, Endpoint.LIST_FOLDER, "{\"path\":\"/cred\"}");
    page.body().get("entries").forEach(e -> names.add(e.get("name").asText()));
    int pages = 1;
    while (page.body().get("has_more").asBoolean()) {
      page = rpc(token, Endpoint.LIST_FOLDER_CONTINUE, "{\"cursor\":\"" + page.body().get("cursor").asText() + "\"}");
      page.body().get("entries").forEach(e -> names.add(e.get("name").asText()));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt");
    JsonNode first = rpc(token, Endpoint.GET_METADATA, "{\"path\":\"/cred/f0.txt\"}").body();
    assertThat(first.get("content_hash").asText())
        .isEqualTo(DropboxHash.of("content 0".getBytes(StandardCharsets.UTF_8)));
    assertThat(first.get("path_display").asText()).isEqualTo("/Cred/f0.txt");
  }

  @Test
  void aRateLimitCarriesRetryAfterInTheHeaderAndTheBody() throws IOException {
    String token = token();
    fake.failNext(Endpoint.CREATE_FOLDER, 1, Fault.tooManyWriteOperations(Duration.ofSeconds(2)));

    Reply limited = rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/cred\"}");

    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.retryAfter()).isEqualTo("2");
    assertThat(limited.body().at("/error/retry_after").asInt()).isEqualTo(2);
    assertThat(limited.body().at("/error/reason/.tag").asText()).isEqualTo("too_many_write_operations");
    assertThat(fake.folderExists("/cred")).isFalse();
  }

  @Test
  void theLogCatchesAWriteThatCameBeforeItsRetryAfter() throws IOException {
    String token = token();
    fake.failNext(Endpoint.CREATE_FOLDER, 1, Fault.tooManyWriteOperations(Duration.ofSeconds(1)));

    rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/cred\"}");
    rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/cred\"}");
    rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/other\"}");

    assertThat(fake.retryAfterViolations()).singleElement().asString().contains("/cred").contains("#3");
    assertThat(fake.folderExists("/cred")).isTrue();
  }

  @Test
  void aCommitOverlappingAnotherMeetsTheWriteLock() throws Exception {
    String token = token();
    fake.setWriteLockContention(Duration.ofSeconds(1));
    // the first commit is held in flight until the second has arrived: the overlap is certain
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch secondArrived = new CountDownLatch(1);
    AtomicInteger commits = new AtomicInteger();
    fake.onArrival(endpoint -> {
      if (endpoint != Endpoint.CREATE_FOLDER) {
        return;
      }
      if (commits.incrementAndGet() == 1) {
        firstArrived.countDown();
        awaitQuietly(secondArrived);
      } else {
        secondArrived.countDown();
      }
    });

    CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> quietly(token, "/a"));
    assertThat(firstArrived.await(10, TimeUnit.SECONDS)).as("first commit arrived").isTrue();
    Reply second = rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/b\"}");

    assertThat(first.get(10, TimeUnit.SECONDS).code()).isEqualTo(200);
    assertThat(second.code()).isEqualTo(429);
    assertThat(second.retryAfter()).isEqualTo("1");
    assertThat(fake.folderExists("/a")).isTrue();
    assertThat(fake.folderExists("/b")).isFalse();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the second commit never arrived");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Reply quietly(String token, String path) {
    try {
      return rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"" + path + "\"}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void randomFailuresAreReproducibleFromTheSeed() throws IOException {
    String token = token();
    List<Integer> firstRun = new ArrayList<>();
    List<Integer> secondRun = new ArrayList<>();
    fake.setRandomFailures(7, 0.3, 0.05, 0);
    for (int i = 0; i < 30; i++) {
      firstRun.add(rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/r1/" + i + "\"}").code());
    }
    fake.setRandomFailures(7, 0.3, 0.05, 0);
    for (int i = 0; i < 30; i++) {
      secondRun.add(rpc(token, Endpoint.CREATE_FOLDER, "{\"path\":\"/r2/" + i + "\"}").code());
    }

    assertThat(firstRun).isEqualTo(secondRun).contains(429).contains(200);
    assertThat(firstRun.stream().filter(code -> code == 429).count()).isBetween(3L, 18L);
  }

  @Test
  void contentHashesFollowDropboxsBlockRule() {
    assertThat(DropboxHash.of(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(DropboxHash.of(new byte[] {'a'}))
        .isEqualTo("bf5d3affb73efd2ec6c36ad3112dd933efed63c4e1cbffcfa88e2759c144f2d8");
    byte[] block = new byte[4 * 1024 * 1024 + 1];
    java.util.Arrays.fill(block, (byte) 'x');
    assertThat(DropboxHash.of(block)).isEqualTo("656e7e27f7d0459e319264cdccb61f6667e8e964f8e763c332f35d36ee1cb924");
  }
}
