package org.integratedsync.credinvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.integratedsync.testkit.files.Xlsx;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.sftp.TestKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SftpSourceTest {

  private static final String PASSWORD = "s3cret-Passw0rd";
  private static final String PASSPHRASE = "key-passphrase-42";
  private static final TestKeyPair ED25519 = TestKeyPair.ed25519();
  private static final TestKeyPair RSA = TestKeyPair.rsa();
  private static final Instant MTIME = Instant.parse("2025-12-15T16:05:01Z");

  @RegisterExtension
  static final SftpTestServer SERVER = new SftpTestServer()
      .withPasswordUser("alice", PASSWORD)
      .withPublicKeyUser("bob", ED25519.publicKey())
      .withPublicKeyUser("bob", RSA.publicKey());

  @TempDir Path tmp;

  /** Settings for alice with the pinned fingerprint, files under {@code dir}, reconnecting at once. */
  private SftpSettings.Builder alice(String dir) {
    return SftpSettings.builder(SERVER.host(), "alice")
        .port(SERVER.port())
        .password(PASSWORD)
        .hostKeyFingerprint(SERVER.hostKeyFingerprint())
        .remoteDir(dir)
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  private SftpSettings.Builder bob(String dir) {
    return SftpSettings.builder(SERVER.host(), "bob")
        .port(SERVER.port())
        .hostKeyFingerprint(SERVER.hostKeyFingerprint())
        .remoteDir(dir)
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(5));
  }

  /** A complete xlsx (zip) of exactly {@code size} bytes, unique to {@code name}. */
  private static byte[] content(String name, int size) {
    return Xlsx.ofSize(name, size);
  }

  private static String name(int account, String type) {
    return account + "-20251215170501-INTE" + type + ".xlsx";
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void listsEveryEntryOfTheRemoteFolderSortedWithSizeMtimeAndKind() {
    SERVER.writeFile("list/b.txt", new byte[3], MTIME);
    SERVER.writeFile("list/" + name(1, "100F"), new byte[10], MTIME.plusSeconds(5));
    SERVER.writeFile("list/sub/inner.xlsx", new byte[1], MTIME);

    try (SftpSource source = new SftpSource(alice("/list").build())) {
      List<ListedFile> listing = source.list();
      assertThat(listing).hasSize(3);
      assertThat(listing.subList(0, 2)).containsExactly(
          new ListedFile(name(1, "100F"), 10, MTIME.plusSeconds(5)),
          new ListedFile("b.txt", 3, MTIME));
      assertThat(listing.get(2)).extracting(ListedFile::name, ListedFile::kind)
          .containsExactly("sub", ListedFile.Kind.DIRECTORY);
      assertThat(source.description()).isEqualTo("sftp://alice@127.0.0.1:" + SERVER.port() + "//list");
    }
  }

  @Test
  void emptyRemoteDirMeansTheLoginFolder() {
    SERVER.writeFile("root-" + name(7, "400F"), new byte[1], MTIME);
    try (SftpSource source = new SftpSource(alice("").build())) {
      assertThat(source.list()).extracting(ListedFile::name).contains("root-" + name(7, "400F"));
    }
  }

  @Test
  void logsInWithEncryptedEd25519KeyFile() {
    SERVER.writeFile("keys/" + name(2, "100F"), new byte[] {1, 2}, MTIME);
    Path keyFile = ED25519.writeOpenSshPrivateKey(tmp.resolve("id_ed25519"), PASSPHRASE);

    try (SftpSource source = new SftpSource(bob("keys").privateKeyFile(keyFile).privateKeyPassphrase(PASSPHRASE)
        .build())) {
      assertThat(source.list()).extracting(ListedFile::name).containsExactly(name(2, "100F"));
    }
  }

  @Test
  void logsInWithKeyTextEncryptedOpenSshAndPkcs8Rsa() {
    SftpSettings encrypted = bob("").privateKey(ED25519.openSshPrivateKey(PASSPHRASE))
        .privateKeyPassphrase(PASSPHRASE).build();
    SftpSettings pkcs8 = bob("").privateKey(RSA.pkcs8Pem()).build();

    for (SftpSettings settings : List.of(encrypted, pkcs8)) {
      try (SftpSource source = new SftpSource(settings)) {
        assertThat(source.connect()).isEqualTo(SERVER.hostKeyFingerprint());
      }
    }
  }

  @Test
  void wrongPassphraseIsAConfigurationErrorWithoutThePassphrase() {
    SftpSettings settings = bob("").privateKey(ED25519.openSshPrivateKey(PASSPHRASE))
        .privateKeyPassphrase("not-the-passphrase").build();

    try (SftpSource source = new SftpSource(settings)) {
      assertThatThrownBy(source::list)
          .isInstanceOfSatisfying(SourceConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo("privateKey");
            assertThat(e.getMessage()).contains("private key cannot be read").doesNotContain("not-the-passphrase");
          });
    }
  }

  @Test
  void encryptedKeyWithoutPassphraseSaysSo() {
    SftpSettings settings = bob("").privateKey(ED25519.openSshPrivateKey(PASSPHRASE)).build();
    try (SftpSource source = new SftpSource(settings)) {
      assertThatThrownBy(source::connect).isInstanceOf(SourceConfigurationException.class)
          .hasMessageContaining("give its passphrase");
    }
  }

  @Test
  void wrongPasswordNamesUserAndHostButNotThePassword() {
    SftpSettings settings = alice("").password("wrong-" + PASSWORD).build();

    try (SftpSource source = new SftpSource(settings)) {
      assertThatThrownBy(source::list).isInstanceOfSatisfying(SftpAuthenticationException.class, e -> {
        assertThat(e.username()).isEqualTo("alice");
        assertThat(e.host()).isEqualTo("127.0.0.1");
        assertThat(e.port()).isEqualTo(SERVER.port());
        assertThat(e.getMessage()).contains("'alice'", "127.0.0.1:" + SERVER.port());
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
        }
      });
    }
  }

  @Test
  void unregisteredKeyIsRefused() {
    SftpSettings settings = bob("").privateKey(TestKeyPair.ed25519().openSshPrivateKey(null)).build();
    try (SftpSource source = new SftpSource(settings)) {
      assertThatThrownBy(source::connect).isInstanceOf(SftpAuthenticationException.class);
    }
  }

  @Test
  void wrongPinnedFingerprintIsRefusedNamingBoth() {
    String other = new SftpTestServer().hostKeyFingerprint();
    try (SftpSource source = new SftpSource(alice("").hostKeyFingerprint(other).build())) {
      assertThatThrownBy(source::list).isInstanceOfSatisfying(HostKeyException.class, e -> {
        assertThat(e.presentedFingerprint()).isEqualTo(SERVER.hostKeyFingerprint());
        assertThat(e.expected()).isEqualTo(other);
        assertThat(e.getMessage()).contains(SERVER.hostKeyFingerprint(), other, "pinned");
      });
    }
  }

  @Test
  void knownHostsEntryIsAccepted() {
    Path knownHosts = SERVER.writeKnownHosts(tmp.resolve("known_hosts"));
    SftpSettings settings = SftpSettings.builder(SERVER.host(), "alice").port(SERVER.port()).password(PASSWORD)
        .knownHostsFile(knownHosts).build();
    try (SftpSource source = new SftpSource(settings)) {
      assertThat(source.connect()).isEqualTo(SERVER.hostKeyFingerprint());
    }
  }

  @Test
  void changedKeyInKnownHostsIsRefusedAsChanged() throws IOException {
    String otherKey = new SftpTestServer().hostKeyEntry();
    Path knownHosts = Files.writeString(tmp.resolve("known_hosts"),
        "[127.0.0.1]:" + SERVER.port() + " " + otherKey + "\n");
    SftpSettings settings = alice("").hostKeyFingerprint(null).knownHostsFile(knownHosts).build();

    try (SftpSource source = new SftpSource(settings)) {
      assertThatThrownBy(source::list).isInstanceOfSatisfying(HostKeyException.class, e -> {
        assertThat(e.presentedFingerprint()).isEqualTo(SERVER.hostKeyFingerprint());
        assertThat(e.getMessage()).contains("CHANGED", SERVER.hostKeyFingerprint(), knownHosts.toString());
      });
    }
  }

  @Test
  void hostMissingFromKnownHostsIsRefusedAsUnknown() throws IOException {
    Path knownHosts = Files.writeString(tmp.resolve("known_hosts"),
        "[127.0.0.1]:1 " + SERVER.hostKeyEntry() + "\n");
    Path missing = tmp.resolve("no-such-known_hosts");

    for (Path file : List.of(knownHosts, missing)) {
      SftpSettings settings = alice("").hostKeyFingerprint(null).knownHostsFile(file).build();
      try (SftpSource source = new SftpSource(settings)) {
        assertThatThrownBy(source::list).isInstanceOfSatisfying(HostKeyException.class, e ->
            assertThat(e.getMessage()).contains("is not in known_hosts file " + file, SERVER.hostKeyFingerprint()));
      }
    }
  }

  @Test
  void acceptAnyHostKeyIsAnExplicitOptIn() {
    SftpSettings settings = alice("").hostKeyFingerprint(null).acceptAnyHostKey().build();
    try (SftpSource source = new SftpSource(settings)) {
      assertThat(source.connect()).isEqualTo(SERVER.hostKeyFingerprint());
    }
  }

  @Test
  void closedPortIsAClearConnectionErrorAfterBackoff() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    SftpSettings settings = alice("").port(closedPort)
        .retries(3, Duration.ofMillis(100), Duration.ofMillis(250)).build();

    try (SftpSource source = new SftpSource(settings, sleeps::add)) {
      assertThatThrownBy(source::list).isInstanceOfSatisfying(SftpConnectionException.class, e -> {
        assertThat(e.port()).isEqualTo(closedPort);
        assertThat(e.getMessage()).startsWith("cannot connect to SFTP server 127.0.0.1:" + closedPort + ": ")
            .contains("Connection refused").contains("gave up after 4 attempts");
      });
    }
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
  }

  @Test
  void connectionDroppedDuringLoginIsRetriedNotReportedAsARefusal() {
    SERVER.writeFile("droplogin/" + name(14, "100F"), new byte[2], MTIME);
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    SERVER.dropNextLogins(1);

    try (SftpSource source = new SftpSource(alice("droplogin").build(), sleeps::add)) {
      assertThat(source.list()).hasSize(1);
    }
    assertThat(sleeps).containsExactly(Duration.ofMillis(1));
  }

  @Test
  void connectionDroppedDuringEveryLoginIsAConnectionErrorNotAWrongPassword() {
    SERVER.dropNextLogins(10);
    SftpSettings settings = alice("").retries(1, Duration.ofMillis(1), Duration.ofMillis(1)).build();

    try (SftpSource source = new SftpSource(settings, d -> { })) {
      assertThatThrownBy(source::list).isInstanceOfSatisfying(SftpConnectionException.class, e ->
          assertThat(e.getMessage()).startsWith("cannot connect to SFTP server 127.0.0.1:" + SERVER.port() + ": ")
              .contains("connection lost during login").contains("gave up after 2 attempts"));
    }
  }

  @Test
  void connectionDroppedBetweenOperationsIsReestablishedAfterBackoff() {
    SERVER.writeFile("again/" + name(12, "100F"), new byte[2], MTIME);
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    try (SftpSource source = new SftpSource(alice("again").build(), sleeps::add)) {
      assertThat(source.list()).hasSize(1);
      SERVER.killSessions();

      assertThat(source.list()).hasSize(1);
    }
    assertThat(sleeps).containsExactly(Duration.ofMillis(1));
  }

  @Test
  void missingRemoteFolderIsAConfigurationError() {
    try (SftpSource source = new SftpSource(alice("/no/such/dir").build())) {
      assertThatThrownBy(source::list).isInstanceOfSatisfying(SourceConfigurationException.class, e -> {
        assertThat(e.setting()).isEqualTo("remoteDir");
        assertThat(e.getMessage()).contains("/no/such/dir", "does not exist");
      });
    }
  }

  @Test
  void downloads200FilesInParallelWithContentAndMtime() throws IOException {
    List<ListedFile> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      for (String type : List.of("100F", "400F")) {
        String name = name(100000 + i, type);
        byte[] bytes = content(name, 1000 + i * 517);
        SERVER.writeFile("many/" + name, bytes, MTIME.plusSeconds(i));
        expected.add(new ListedFile(name, bytes.length, MTIME.plusSeconds(i)));
      }
    }
    Path target = tmp.resolve("download");
    List<DownloadResult> seen = Collections.synchronizedList(new ArrayList<>());

    try (SftpSource source = new SftpSource(alice("many").parallelism(4).build())) {
      List<ListedFile> listing = source.list();
      assertThat(listing).containsExactlyInAnyOrderElementsOf(expected);
      DownloadReport report = source.download(listing, target, seen::add);

      assertThat(report.results()).extracting(DownloadResult::file).containsExactlyElementsOf(listing);
      assertThat(report.downloaded()).hasSize(200);
      assertThat(report.isComplete()).isTrue();
      assertThat(seen).containsExactlyInAnyOrderElementsOf(report.results());
    }
    for (ListedFile file : expected) {
      Path local = target.resolve(file.name());
      assertThat(Files.readAllBytes(local)).as(file.name()).isEqualTo(content(file.name(), (int) file.size()));
      assertThat(Files.getLastModifiedTime(local)).isEqualTo(FileTime.from(file.mtime()));
    }
    assertThat(filesIn(target)).hasSize(200);
  }

  @Test
  void fileAlreadyPresentWithSameSizeAndMtimeIsNotDownloadedAgain() throws IOException {
    String same = name(3, "100F");
    String touched = name(3, "400F");
    SERVER.writeFile("present/" + same, content(same, 5000), MTIME);
    SERVER.writeFile("present/" + touched, content(touched, 5000), MTIME);
    Path target = tmp.resolve("download");

    try (SftpSource source = new SftpSource(alice("present").build())) {
      List<ListedFile> listing = source.list();
      assertThat(source.download(listing, target).downloaded()).hasSize(2);
      Files.setLastModifiedTime(target.resolve(touched), FileTime.from(MTIME.plusSeconds(1)));
      long bytesBefore = SERVER.bytesRead();

      DownloadReport again = source.download(listing, target);

      assertThat(again.alreadyPresent()).extracting(r -> r.file().name()).containsExactly(same);
      assertThat(again.downloaded()).extracting(r -> r.file().name()).containsExactly(touched);
      assertThat(SERVER.bytesRead() - bytesBefore).isEqualTo(5000);
      assertThat(Files.getLastModifiedTime(target.resolve(touched))).isEqualTo(FileTime.from(MTIME));
    }
  }

  @Test
  void allPresentNeedsNoConnection() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("download"));
    byte[] report = Xlsx.of("present");
    ListedFile file = new ListedFile(name(4, "100F"), report.length, MTIME);
    Files.write(target.resolve(file.name()), report);
    Files.setLastModifiedTime(target.resolve(file.name()), FileTime.from(MTIME));

    // wrong password: any connection attempt would fail
    try (SftpSource source = new SftpSource(alice("").password("wrong").build())) {
      assertThat(source.download(List.of(file), target).alreadyPresent()).hasSize(1);
    }
  }

  @Test
  void unrecognisedOrDuplicateNamesAreNeverDownloaded() throws IOException {
    String good = name(5, "100F");
    SERVER.writeFile("junk/notes.txt", new byte[10], MTIME);
    SERVER.writeFile("junk/" + good, Xlsx.of(good), MTIME);
    Path target = tmp.resolve("download");

    try (SftpSource source = new SftpSource(alice("junk").build())) {
      List<ListedFile> listing = new ArrayList<>(source.list());
      listing.add(new ListedFile("../" + good, 10, MTIME));
      listing.add(listing.get(0));
      DownloadReport report = source.download(listing, target);

      assertThat(report.downloaded()).extracting(r -> r.file().name()).containsExactly(good);
      assertThat(report.failed()).extracting(r -> r.error().getMessage()).containsExactly(
          "not copied: notes.txt is not an INTE file name (does not end in .xlsx)",
          "not copied: ../" + good + " is not an INTE file name (account \"../5\" has characters other than ASCII"
              + " letters and digits)",
          "not copied: " + good + " was requested twice");
    }
    assertThat(filesIn(target)).containsExactly(good);
  }

  @Test
  void fileRemovedAfterListingFailsAloneAndLeavesNothing() throws IOException {
    String gone = name(6, "100F");
    String kept = name(6, "400F");
    Path goneFile = SERVER.writeFile("gone/" + gone, Xlsx.of(gone), MTIME);
    SERVER.writeFile("gone/" + kept, Xlsx.of(kept), MTIME);
    Path target = tmp.resolve("download");

    try (SftpSource source = new SftpSource(alice("gone").build())) {
      List<ListedFile> listing = source.list();
      Files.delete(goneFile);
      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).singleElement().satisfies(r -> {
        assertThat(r.file().name()).isEqualTo(gone);
        assertThat(r.error()).isInstanceOf(FileTransferException.class)
            .hasMessage(gone + " is no longer on the server (gone/" + gone + ")");
        assertThat(((FileTransferException) r.error()).fileName()).isEqualTo(gone);
      });
      assertThat(report.downloaded()).extracting(r -> r.file().name()).containsExactly(kept);
    }
    assertThat(filesIn(target)).containsExactly(kept);
  }

  @Test
  void fileThatGrewAfterListingFailsOnSizeAndLeavesNothing() throws IOException {
    String name = name(13, "100F");
    SERVER.writeFile("grew/" + name, new byte[100], MTIME);
    Path target = tmp.resolve("download");

    try (SftpSource source = new SftpSource(alice("grew").build())) {
      List<ListedFile> listing = source.list();
      SERVER.writeFile("grew/" + name, new byte[150], MTIME);
      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).singleElement().satisfies(r -> assertThat(r.error().getMessage())
          .isEqualTo("size of " + name + " is 150 bytes after copying, but the source listed 100 bytes"
              + " (changed or truncated while copying?)"));
    }
    assertThat(filesIn(target)).isEmpty();
  }

  @Test
  void droppedConnectionMidTransferIsRetriedAndCompletes() throws IOException {
    List<ListedFile> files = writeBigFiles("drop", 3);
    Path target = tmp.resolve("download");
    int killsBefore = SERVER.killCount();
    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    try (SftpSource source = new SftpSource(alice("drop").build(), sleeps::add)) {
      List<ListedFile> listing = source.list();
      SERVER.killSessionsAfterBytesRead(300_000);
      DownloadReport report = source.download(listing, target);

      assertThat(SERVER.killCount()).isEqualTo(killsBefore + 1);
      assertThat(report.isComplete()).as("%s", report.failed()).isTrue();
      assertThat(report.downloaded()).hasSize(3);
    }
    // one outage: each worker's connection is re-established after the first backoff step, never more
    assertThat(sleeps).isNotEmpty().hasSizeLessThanOrEqualTo(4).containsOnly(Duration.ofMillis(1));
    assertContents(files, target);
    assertThat(filesIn(target)).hasSize(3);
  }

  @Test
  void killedTransferWithoutRetriesLeavesNoWrongFileAndARerunCompletes() throws IOException {
    List<ListedFile> files = writeBigFiles("kill", 3);
    Path target = tmp.resolve("download");

    try (SftpSource source = new SftpSource(alice("kill").retries(0, Duration.ZERO, Duration.ZERO).build())) {
      List<ListedFile> listing = source.list();
      SERVER.killSessionsAfterBytesRead(300_000);
      DownloadReport report = source.download(listing, target);

      assertThat(report.failed()).isNotEmpty();
      assertThat(report.failed()).allSatisfy(r -> assertThat(r.error().getMessage()).isNotBlank());
      assertOnlyCompleteFiles(files, target);
    }
    try (SftpSource rerun = new SftpSource(alice("kill").build())) {
      DownloadReport report = rerun.download(rerun.list(), target);
      assertThat(report.isComplete()).isTrue();
    }
    assertContents(files, target);
  }

  @Test
  void serverStoppedMidTransferFailsCleanlyAndARerunCompletes() throws IOException {
    List<ListedFile> files = writeBigFiles("stop", 3);
    Path target = tmp.resolve("download");

    List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    try (SftpSource source = new SftpSource(alice("stop").parallelism(2).build(), sleeps::add)) {
      List<ListedFile> listing = source.list();
      SERVER.stopAfterBytesRead(300_000);
      DownloadReport report = source.download(listing, target);

      assertThat(SERVER.isRunning()).isFalse();
      assertThat(report.failed()).isNotEmpty();
      assertThat(report.failed()).allSatisfy(r ->
          assertThat(r.error().getMessage()).contains("127.0.0.1:" + SERVER.port()));
      assertOnlyCompleteFiles(files, target);
      // 3 reconnect attempts with doubling backoff, then the other worker gives up at once
      assertThat(sleeps).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4));
    } finally {
      SERVER.start();
    }
    try (SftpSource rerun = new SftpSource(alice("stop").build())) {
      assertThat(rerun.download(rerun.list(), target).isComplete()).isTrue();
    }
    assertContents(files, target);
  }

  @Test
  void leftoverPartFilesAreRemovedBeforeDownloading() throws IOException {
    String name = name(8, "100F");
    SERVER.writeFile("part/" + name, Xlsx.of(name), MTIME);
    Path target = Files.createDirectories(tmp.resolve("download"));
    Files.write(target.resolve(name(9, "400F") + ".part"), new byte[1]);
    Files.write(target.resolve("unrelated.part"), new byte[1]);

    try (SftpSource source = new SftpSource(alice("part").build())) {
      source.download(source.list(), target);
    }
    assertThat(filesIn(target)).containsExactly(name, "unrelated.part");
  }

  @Test
  void unwritableTargetFolderIsAClearErrorNamingIt() throws IOException {
    SERVER.writeFile("unwritable/" + name(10, "100F"), new byte[4], MTIME);
    Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
    Path target = blocker.resolve("download");

    try (SftpSource source = new SftpSource(alice("unwritable").build())) {
      List<ListedFile> listing = source.list();
      assertThatThrownBy(() -> source.download(listing, target))
          .isInstanceOfSatisfying(FileTransferException.class, e -> {
            assertThat(e.localPath()).isEqualTo(target.toAbsolutePath());
            assertThat(e.getMessage()).contains("download folder " + target.toAbsolutePath());
          });
    }
  }

  @Test
  void aLinkPlantedAtThePartNameIsReplacedNeverFollowed() throws IOException {
    String name = name(11, "100F");
    byte[] report = content(name, 50_000);
    SERVER.writeFile("link/" + name, report, MTIME);
    Path target = Files.createDirectories(tmp.resolve("download"));
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "must stay as it is");
    Files.createSymbolicLink(target.resolve(name + ".part"), victim);

    try (SftpSource source = new SftpSource(alice("link").build())) {
      assertThat(source.download(source.list(), target).isComplete()).isTrue();
    }
    assertThat(Files.readString(victim)).isEqualTo("must stay as it is");
    assertThat(Files.readAllBytes(target.resolve(name))).isEqualTo(report);
    assertThat(filesIn(target)).containsExactly(name);
  }

  @Test
  void aTruncatedReportIsAFailedDownloadAndLeavesNothingUnderItsName() throws IOException {
    String cut = name(14, "100F");
    String page = name(14, "400F");
    String good = name(15, "100F");
    SERVER.writeFile("incomplete/" + cut, Xlsx.truncated(cut, 150), MTIME);
    SERVER.writeFile("incomplete/" + page, Xlsx.errorPage(), MTIME);
    SERVER.writeFile("incomplete/" + good, Xlsx.of(good), MTIME);
    Path target = tmp.resolve("download");

    try (SftpSource source = new SftpSource(alice("incomplete").build())) {
      DownloadReport report = source.download(source.list(), target);

      assertThat(report.downloaded()).extracting(r -> r.file().name()).containsExactly(good);
      assertThat(report.failed()).extracting(r -> r.file().name(), r -> r.error().getMessage()).containsExactly(
          tuple(cut, cut + " is not a complete xlsx file: the zip archive is cut off or damaged (zip END header"
              + " not found)"),
          tuple(page, page + " is not a complete xlsx file: it does not start with a zip header (looks like an"
              + " HTML or XML page)"));
    }
    assertThat(filesIn(target)).containsExactly(good);
    assertThat(Files.readAllBytes(target.resolve(good))).isEqualTo(Xlsx.of(good));
  }

  @Test
  void listsFoldersAndLinksAsWhatTheyAreWithoutFollowingThem() throws IOException {
    Path dir = SERVER.writeFile("kinds/" + name(16, "100F"), Xlsx.of("x"), MTIME).getParent();
    Files.createDirectories(dir.resolve(name(16, "400F")));
    Files.createSymbolicLink(dir.resolve(name(17, "100F")), Path.of("/etc/passwd"));
    Files.createSymbolicLink(dir.resolve(name(17, "400F")), dir.resolve("dangling"));

    try (SftpSource source = new SftpSource(alice("kinds").build())) {
      assertThat(source.list()).extracting(ListedFile::name, ListedFile::kind).containsExactly(
          tuple(name(16, "100F"), ListedFile.Kind.FILE),
          tuple(name(16, "400F"), ListedFile.Kind.DIRECTORY),
          tuple(name(17, "100F"), ListedFile.Kind.SYMLINK),
          tuple(name(17, "400F"), ListedFile.Kind.SYMLINK));
    }
  }

  private List<ListedFile> writeBigFiles(String dir, int count) {
    List<ListedFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = name(200 + i, "100F");
      byte[] bytes = content(name, 400_000 + i);
      SERVER.writeFile(dir + "/" + name, bytes, MTIME);
      files.add(new ListedFile(name, bytes.length, MTIME));
    }
    return files;
  }

  private static void assertContents(List<ListedFile> files, Path target) throws IOException {
    for (ListedFile file : files) {
      assertThat(Files.readAllBytes(target.resolve(file.name())))
          .isEqualTo(content(file.name(), (int) file.size()));
      assertThat(Files.getLastModifiedTime(target.resolve(file.name()))).isEqualTo(FileTime.from(file.mtime()));
    }
  }

  /** Every file under a final name is complete; no .part file is left. */
  private static void assertOnlyCompleteFiles(List<ListedFile> files, Path target) throws IOException {
    for (String present : filesIn(target)) {
      assertThat(present).doesNotEndWith(".part");
      ListedFile file = files.stream().filter(f -> f.name().equals(present)).findFirst().orElseThrow();
      assertThat(Files.readAllBytes(target.resolve(present))).isEqualTo(content(present, (int) file.size()));
    }
  }
}
