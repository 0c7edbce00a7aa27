package org.integratedsync.cli.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.integratedsync.feestore.FeeStore;

/**
 * Reads a fee report's data from the store in one read-only transaction and writes the page: into a new
 * temporary file next to the target, then moved into place, so a reader (a mail job, a browser) never sees
 * half a page and nothing is written through a symbolic link. Stateless.
 */
public final class ReportWriter {

  /** How many months before the current one the default period starts: 13 full months plus the current. */
  public static final int DEFAULT_FULL_MONTHS = 13;

  private ReportWriter() {}

  /** Returns the default period's first month for {@code today}: 13 full months before the current one. */
  public static YearMonth defaultFrom(LocalDate today) {
    return YearMonth.from(today).minusMonths(DEFAULT_FULL_MONTHS);
  }

  /** Returns the default file name for {@code today}: {@code fee-report-YYYYMMDD.html}. */
  public static String defaultFileName(LocalDate today) {
    return "fee-report-" + DateTimeFormatter.BASIC_ISO_DATE.format(today) + ".html";
  }

  /**
   * Reads the report of {@code from}..{@code to} and writes it to {@code output}, creating its folder.
   *
   * @return the data the page shows
   * @throws IOException if the file cannot be written (nothing is left under {@code output} then)
   * @throws org.integratedsync.feestore.FeeStoreException if the database cannot be read
   */
  public static ReportData write(FeeStore store, YearMonth from, YearMonth to, ZonedDateTime now, Path output)
      throws IOException {
    ReportData data = store.read(reads -> ReportData.read(reads, from, to, now));
    String html = FeeReport.render(data);
    Path target = output.toAbsolutePath();
    Path folder = target.getParent();
    Files.createDirectories(folder);
    if (Files.isSymbolicLink(target)) {
      throw new IOException(output + " is a symbolic link; the report is never written through one");
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(output + " is a folder");
    }
    Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, html, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    return data;
  }
}
