package org.integratedsync.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.integratedsync.feestore.DatabaseUrl;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.FeeType;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.feestore.SyncResult;
import org.integratedsync.vestr.FeeDeduction;
import org.integratedsync.vestr.FetchSummary;
import org.integratedsync.vestr.VestrClient;
import org.integratedsync.vestr.VestrSettings;

/**
 * The child JVM of scenario 7, started with a small heap: signs in to the Vestr fake, fetches every
 * fee deduction page by page and hands each page to a fee-store sync, then commits. Prints one
 * {@code RESULT} line that {@code VestrIngestScenario} parses. Secrets come from the environment,
 * not the command line.
 */
public final class VestrIngestChild {

  static final int PAGE_SIZE = 500;

  private VestrIngestChild() {}

  /**
   * Runs the ingest.
   *
   * @param args issuer, client id, redirect URI, GraphQL URL, user name, first and last booking day
   */
  public static void main(String[] args) {
    VestrSettings settings = VestrSettings.builder()
        .oidcIssuer(URI.create(args[0]))
        .clientId(args[1])
        .redirectUri(URI.create(args[2]))
        .graphqlUrl(URI.create(args[3]))
        .vestrUrl(URI.create(args[3]).resolve("/"))
        .username(args[4])
        .password(System.getenv("BENCH_VESTR_PASSWORD"))
        .otpSecret(System.getenv("BENCH_VESTR_OTP_SECRET"))
        .build();
    LocalDate from = LocalDate.parse(args[5]);
    LocalDate to = LocalDate.parse(args[6]);
    FeeStore store = FeeStore.create(DatabaseUrl.toDataSource(System.getenv("BENCH_DATABASE_URL")));
    try (HeapMeter heap = HeapMeter.start()) {
      long start = System.nanoTime();
      VestrClient client = VestrClient.create(settings);
      client.login();
      SyncResult result;
      FetchSummary summary;
      long commitStart;
      try (FeeSync sync = store.beginSync(from, to, SyncOptions.DEFAULTS)) {
        summary = client.fetchFeeDeductions(from, to, PAGE_SIZE,
            page -> sync.addPage(page.stream().map(VestrIngestChild::toRecord).toList()));
        commitStart = System.nanoTime();
        result = sync.commit();
      }
      long end = System.nanoTime();
      Duration took = Duration.ofNanos(end - start);
      System.out.printf(Locale.ROOT, "RESULT records=%d pages=%d inserted=%d millis=%d commitMillis=%d peakUsed=%d"
              + " peakLive=%d maxHeap=%d%n", summary.records(), summary.pages(), result.inserted(), took.toMillis(),
          Duration.ofNanos(end - commitStart).toMillis(), heap.peakUsed(), heap.peakLive(),
          Runtime.getRuntime().maxMemory());
    }
    System.exit(0);
  }

  static FeeRecord toRecord(FeeDeduction fee) {
    return new FeeRecord(fee.id(), fee.bookingDate(), fee.valueDate(), fee.amount(), fee.currency(),
        FeeType.valueOf(fee.feeType().name()), fee.sourceFeeType(), fee.productId(), fee.productIsin(),
        fee.productName(), fee.outstandingQuantity());
  }

}
