package com.example.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.integratedsync.credinvest.SelectionRules;
import org.integratedsync.dropbox.FolderMirror;
import org.integratedsync.dropbox.MirrorReport;
import org.integratedsync.testkit.files.Xlsx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMirrorTest {

  @TempDir
  Path dir;

  @Test
  void theSyncedFolderHoldsTodaysReportsAndKeepsEverythingElse() throws IOException {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path synced = Files.createDirectories(dir.resolve("synced"));
    Xlsx.write(inbox.resolve("123456-20251215170501-INTE100F.xlsx"), "today 100F");
    Xlsx.write(inbox.resolve("123456-20251215170502-INTE400F.xlsx"), "today 400F");
    Xlsx.write(inbox.resolve("123456-20251214170430-INTE100F.xlsx"), "yesterday 100F");
    Files.writeString(inbox.resolve("notes.txt"), "not a report");
    Xlsx.write(synced.resolve("123456-20251214170430-INTE100F.xlsx"), "yesterday 100F");
    Files.writeString(synced.resolve("read me.txt"), "someone else's file");

    MirrorReport report = ReportMirror.run(inbox, dir.resolve("downloads"), synced,
        LocalDateTime.of(2025, 12, 15, 18, 0));

    assertTrue(report.succeeded(), report.toString());
    assertEquals(List.of("123456-20251215170501-INTE100F.xlsx", "123456-20251215170502-INTE400F.xlsx"),
        report.uploaded());
    assertEquals(List.of("123456-20251214170430-INTE100F.xlsx"), report.deleted());
    assertEquals(Set.of("123456-20251215170501-INTE100F.xlsx", "123456-20251215170502-INTE400F.xlsx",
        "read me.txt"), names(synced));
    assertArrayEquals(Files.readAllBytes(inbox.resolve("123456-20251215170501-INTE100F.xlsx")),
        Files.readAllBytes(synced.resolve("123456-20251215170501-INTE100F.xlsx")));
    assertEquals("someone else's file", Files.readString(synced.resolve("read me.txt")));
    assertEquals(4, names(inbox).size(), "the inbox is only read");
  }

  @Test
  void eachLibraryJarNamesItsModule() throws URISyntaxException {
    assertEquals("org.integratedsync.credinvest", moduleName(SelectionRules.class));
    assertEquals("org.integratedsync.dropbox", moduleName(FolderMirror.class));
    assertEquals("org.integratedsync.testkit", moduleName(Xlsx.class));
  }

  /** The name the module system gives the jar that holds {@code type}, as on a module path. */
  private static String moduleName(Class<?> type) throws URISyntaxException {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isRegularFile(jar), type + " is not loaded from a jar: " + jar);
    Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
    assertEquals(1, modules.size());
    return modules.iterator().next().descriptor().name();
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
