package org.integratedsync.cli.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.integratedsync.feestore.EmptyWindowException;
import org.integratedsync.feestore.FeeRecord;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.feestore.FeeSync;
import org.integratedsync.feestore.SyncOptions;
import org.integratedsync.feestore.SyncResult;
import org.integratedsync.vestr.AuthMode;
import org.integratedsync.vestr.FeeDeduction;
import org.integratedsync.vestr.FetchSummary;
import org.integratedsync.vestr.VestrClient;
import org.integratedsync.vestr.VestrConfigurationException;
import org.integratedsync.vestr.VestrSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task 2: signs in to Vestr, fetches the fee deductions of the window page by page and syncs each
 * window into the fee store (the source is authoritative within a window). With {@code --full}
 * the history since {@code VESTR_FULL_SYNC_FROM} is fetched in monthly windows.
 */
final class VestrFeesTask implements SyncTask {
  private static final Logger LOG = LoggerFactory.getLogger(VestrFeesTask.class);

  /** Records asked for per GraphQL page. */
  static final int PAGE_SIZE = 500;

  /** Default window length in days before today. */
  static final int DEFAULT_FEE_DAYS = 30;

  private final VestrSettings vestr;
  private final Database database;
  private final Window window;
  private final boolean allowEmptyWindow;

  /**
   * The booking dates to fetch: {@code days} back from today, or everything since {@code
   * fullFrom} in monthly windows.
   */
  record Window(Integer days, LocalDate fullFrom) {
    /** Returns the windows to sync for {@code today}, oldest first. */
    List<LocalDate[]> windows(LocalDate today) {
      List<LocalDate[]> windows = new ArrayList<>();
      if (fullFrom == null) {
        windows.add(new LocalDate[] {today.minusDays(days), today});
        return windows;
      }
      LocalDate start = fullFrom;
      while (!start.isAfter(today)) {
        LocalDate end = start.withDayOfMonth(start.lengthOfMonth());
        if (end.isAfter(today)) {
          end = today;
        }
        windows.add(new LocalDate[] {start, end});
        start = end.plusDays(1);
      }
      return windows;
    }
  }

  private VestrFeesTask(VestrSettings vestr, Database database, Window window, boolean allowEmptyWindow) {
    this.vestr = vestr;
    this.database = database;
    this.window = window;
    this.allowEmptyWindow = allowEmptyWindow;
  }

  /**
   * Checks the task's settings.
   *
   * @throws ConfigurationException if one is missing or malformed
   */
  static VestrFeesTask create(Settings settings, RunOptions options, Database database, LocalDate today) {
    VestrSettings vestr = vestrSettings(settings, "the vestr-fees task");
    Window window;
    if (options.full()) {
      LocalDate from = settings.date(Settings.VESTR_FULL_SYNC_FROM).orElseThrow();
      if (from.isAfter(today)) {
        throw new ConfigurationException(
            Settings.VESTR_FULL_SYNC_FROM,
            "malformed setting VESTR_FULL_SYNC_FROM: " + from + " is in the future");
      }
      window = new Window(null, from);
    } else {
      int days = settings.integer(Settings.FEE_DAYS, 0, 36_500).orElse(DEFAULT_FEE_DAYS);
      window = new Window(days, null);
    }
    return new VestrFeesTask(vestr, database, window, options.allowEmptyWindow());
  }

  /**
   * Builds the Vestr client settings from the configuration.
   *
   * @throws ConfigurationException if a setting is missing or malformed
   */
  static VestrSettings vestrSettings(Settings settings, String neededFor) {
    URI url = settings.url(Settings.VESTR_URL).orElseThrow();
    String username = settings.require(Settings.VESTR_USERNAME, neededFor);
    String password = settings.require(Settings.VESTR_PASSWORD, neededFor);
    String otp;
    try {
      otp = VestrSettings.normaliseOtpSecret(settings.require(Settings.VESTR_OTP_SECRET, neededFor));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          Settings.VESTR_OTP_SECRET,
          "malformed setting VESTR_OTP_SECRET: expected base32 (letters A-Z and digits 2-7)");
    }
    String modeText = settings.get(Settings.VESTR_AUTH_MODE).orElse("oidc").toLowerCase(Locale.ROOT);
    AuthMode mode;
    switch (modeText) {
      case "oidc" -> mode = AuthMode.OIDC;
      case "session" -> mode = AuthMode.SESSION;
      default ->
          throw Settings.malformed(
              Settings.VESTR_AUTH_MODE, "oidc or session", settings.value(Settings.VESTR_AUTH_MODE).orElseThrow());
    }
    VestrSettings.Builder builder =
        VestrSettings.builder()
            .vestrUrl(url)
            .username(username)
            .password(password)
            .otpSecret(otp)
            .authMode(mode)
            .scope(settings.get(Settings.VESTR_OIDC_SCOPE).orElse("openid"));
    String oidcWhy = neededFor + " in oidc mode (VESTR_AUTH_MODE)";
    if (mode == AuthMode.OIDC) {
      settings.require(Settings.VESTR_OIDC_ISSUER, oidcWhy);
      builder.oidcIssuer(settings.url(Settings.VESTR_OIDC_ISSUER).orElseThrow());
      builder.clientId(settings.require(Settings.VESTR_OIDC_CLIENT_ID, oidcWhy));
      settings.require(Settings.VESTR_OIDC_REDIRECT_URI, oidcWhy);
      builder.redirectUri(settings.url(Settings.VESTR_OIDC_REDIRECT_URI).orElseThrow());
      settings.get(Settings.VESTR_OIDC_CLIENT_SECRET).ifPresent(builder::clientSecret);
    }
    // the authenticator's parameters; Keycloak's defaults (HmacSHA1, 6 digits, 30 s) when unset
    settings.get(Settings.VESTR_OTP_ALGORITHM).ifPresent(algorithm -> {
      String normalised = "HMAC" + algorithm.toUpperCase(Locale.ROOT).replace("HMAC", "").replace("-", "");
      if (!normalised.matches("HMACSHA(1|256|512)")) {
        throw Settings.malformed(
            Settings.VESTR_OTP_ALGORITHM, "HmacSHA1, HmacSHA256 or HmacSHA512",
            settings.value(Settings.VESTR_OTP_ALGORITHM).orElseThrow());
      }
      builder.totpAlgorithm("HmacSHA" + normalised.substring("HMACSHA".length()));
    });
    settings.integer(Settings.VESTR_OTP_DIGITS, 6, 8).ifPresent(builder::totpDigits);
    settings.integer(Settings.VESTR_OTP_PERIOD, 1, 300).ifPresent(seconds -> builder.totpPeriod(Duration.ofSeconds(seconds)));
    settings.url(Settings.VESTR_GRAPHQL_URL).ifPresent(builder::graphqlUrl);
    var queryFile = settings.path(Settings.VESTR_QUERY_FILE);
    if (queryFile.isPresent()) {
      Path file = queryFile.get();
      if (!Files.isReadable(file)) {
        throw new ConfigurationException(
            Settings.VESTR_QUERY_FILE, "VESTR_QUERY_FILE cannot be read: " + file);
      }
      builder.queryFile(file);
    }
    try {
      return builder.build();
    } catch (VestrConfigurationException e) {
      String name = settingName(e.setting());
      throw new ConfigurationException(name, "malformed setting " + name + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(Settings.VESTR_URL, "invalid Vestr settings: " + e.getMessage());
    }
  }

  /** Maps a {@link VestrSettings} setting onto its configuration name. */
  static String settingName(String vestrSetting) {
    return switch (vestrSetting) {
      case "username" -> Settings.VESTR_USERNAME;
      case "password" -> Settings.VESTR_PASSWORD;
      case "otpSecret" -> Settings.VESTR_OTP_SECRET;
      case "oidcIssuer" -> Settings.VESTR_OIDC_ISSUER;
      case "clientId" -> Settings.VESTR_OIDC_CLIENT_ID;
      case "redirectUri" -> Settings.VESTR_OIDC_REDIRECT_URI;
      case "scope" -> Settings.VESTR_OIDC_SCOPE;
      case "graphqlUrl" -> Settings.VESTR_GRAPHQL_URL;
      case "totpAlgorithm" -> Settings.VESTR_OTP_ALGORITHM;
      case "totpDigits" -> Settings.VESTR_OTP_DIGITS;
      case "totpPeriod" -> Settings.VESTR_OTP_PERIOD;
      default -> Settings.VESTR_URL;
    };
  }

  @Override
  public String name() {
    return TaskPlan.VESTR_FEES;
  }

  @Override
  public void run(TaskContext context) {
    LocalDate today = LocalDate.now(context.clock());
    List<LocalDate[]> windows = window.windows(today);
    context.window(windows.get(0)[0], today);
    FeeStore store = database.ready(context.dryRun());
    VestrClient client = VestrClient.create(vestr, context.clock());
    LOG.info("signing in to Vestr as {} ({} mode)", vestr.username(), vestr.authMode().name().toLowerCase(Locale.ROOT));
    client.login();
    if (vestr.authMode() == AuthMode.OIDC) {
      context.masker().addAll(List.of(client.accessToken()));
    }
    long fetched = 0;
    long pages = 0;
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    long deleted = 0;
    int failedWindows = 0;
    RuntimeException firstFailure = null;
    String verb = context.dryRun() ? "would be " : "";
    for (LocalDate[] w : windows) {
      SyncOptions options =
          SyncOptions.DEFAULTS.withDryRun(context.dryRun()).withAllowEmptyWindow(allowEmptyWindow);
      try (FeeSync sync = store.beginSync(w[0], w[1], options)) {
        FetchSummary summary;
        try {
          summary =
              client.fetchFeeDeductions(
                  w[0], w[1], PAGE_SIZE, page -> sync.addPage(page.stream().map(VestrFeesTask::toRecord).toList()));
        } catch (RuntimeException e) {
          sync.abort(e);
          throw e;
        }
        SyncResult result = sync.commit();
        fetched += result.fetched();
        pages += summary.pages();
        inserted += result.inserted();
        updated += result.updated();
        unchanged += result.unchanged();
        deleted += result.deleted();
        LOG.info(
            "fees {}..{}: {} fetched in {} page(s); {}inserted {}, updated {}, unchanged {}, deleted {}",
            w[0], w[1], result.fetched(), summary.pages(), verb,
            result.inserted(), result.updated(), result.unchanged(), result.deleted());
      } catch (RuntimeException failure) {
        RuntimeException e =
            failure instanceof EmptyWindowException
                ? new CliException(failure.getMessage() + " Use --allow-empty-window to apply it.", failure)
                : failure;
        failedWindows++;
        if (firstFailure == null) {
          firstFailure = e;
        }
        LOG.error("fees {}..{} not synced: {}", w[0], w[1], CommandSupport.oneLine(e));
        LOG.debug("fee window {}..{} failed", w[0], w[1], e);
        if (windows.size() == 1) {
          break;
        }
      } finally {
        context.count("fetched", fetched);
        context.count("pages", pages);
        context.count(context.dryRun() ? "wouldInsert" : "inserted", inserted);
        context.count(context.dryRun() ? "wouldUpdate" : "updated", updated);
        context.count("unchanged", unchanged);
        context.count(context.dryRun() ? "wouldDelete" : "deleted", deleted);
      }
    }
    context.count("windows", windows.size());
    context.message(
        windows.get(0)[0] + ".." + today + (windows.size() > 1 ? " in " + windows.size() + " monthly windows" : ""));
    if (firstFailure != null) {
      if (windows.size() == 1) {
        throw firstFailure;
      }
      throw new CliException(
          failedWindows + " of " + windows.size() + " windows failed; first: " + CommandSupport.oneLine(firstFailure),
          firstFailure);
    }
  }

  /** Maps a Vestr fee deduction onto a fee-store record. */
  static FeeRecord toRecord(FeeDeduction fee) {
    return new FeeRecord(
        fee.id(),
        fee.bookingDate(),
        fee.valueDate(),
        fee.amount(),
        fee.currency(),
        org.integratedsync.feestore.FeeType.valueOf(fee.feeType().name()),
        fee.sourceFeeType(),
        fee.productId(),
        fee.productIsin(),
        fee.productName(),
        fee.outstandingQuantity());
  }
}
