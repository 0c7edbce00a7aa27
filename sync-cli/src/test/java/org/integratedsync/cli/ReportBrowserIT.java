package org.integratedsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.integratedsync.feestore.FeeStore;
import org.integratedsync.testkit.postgres.PostgresExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/**
 * The fee report of the demo data set opened in a real browser: Chromium headless (Debian packages
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs when missing) driven by
 * Selenium. Writes {@code fee-report.png} and {@code fee-report.pdf} into the build folder.
 */
class ReportBrowserIT {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path work;

  private ChromeDriver browser;
  private Path report;

  private long scalar(String sql) throws Exception {
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @BeforeEach
  void writeTheDemoReportAndOpenABrowser() throws Exception {
    assertThat(CHROMIUM).as("Debian package chromium (installed by .ci/run)").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian package chromium-driver (installed by .ci/run)").isExecutable();
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement()) {
      statement.execute("drop schema public cascade; create schema public");
    }
    FeeStore store = FeeStore.create(PG.dataSource());
    store.migrate();
    LocalDate today;
    try (Connection connection = PG.database().connect(); Statement statement = connection.createStatement()) {
      statement.execute(Files.readString(CliRun.sampleInbox().getParent().resolve("fee-report-demo.sql")));
      try (ResultSet rs = statement.executeQuery("select current_date")) {
        rs.next();
        today = rs.getObject(1, LocalDate.class);
      }
    }
    store.rebuildSnapshot();
    Clock clock = Clock.fixed(today.atTime(17, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    CliRun run = CliRun.run(new CliEnvironment(CliRun.env("DATABASE_URL", PG.libpqUrl()), work, clock, false),
        "report", "--output", "fee-report.html");
    assertThat(run.exitCode).as(run.toString()).isZero();
    report = work.resolve("fee-report.html");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,2600", "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theReportOpensOfflineWithItsChartsAndTablesAndPrints() throws Exception {
    browser.get(report.toUri().toString());

    // nothing but the file itself was requested, and the console stayed clean
    List<String> requested = browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("\"Network.requestWillBeSent\""))
        .map(ReportBrowserIT::requestUrl)
        .toList();
    assertThat(requested).as("network requests").containsExactly(report.toUri().toString());
    assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).as("console messages")
        .filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();

    // each chart is there with one bar per month and type that has fees, or per product
    List<WebElement> monthly = browser.findElements(By.cssSelector("svg.monthly"));
    assertThat(monthly).extracting(svg -> svg.getDomAttribute("data-currency")).containsExactly("CHF", "EUR");
    for (WebElement chart : monthly) {
      String currency = chart.getDomAttribute("data-currency");
      long expected = scalar("select count(*) from (select month, fee_type from vestr_fee_monthly_summaries "
          + "where currency = '" + currency + "' and month >= date_trunc('month', current_date) - interval '13 months' "
          + "group by 1, 2 having sum(total_amount) <> 0) t");
      assertThat(chart.findElements(By.cssSelector("rect.bar"))).as(currency).hasSize((int) expected);
      assertThat(chart.getDomAttribute("aria-label")).startsWith("Fees per month by type in " + currency);
      assertThat(chart.getSize().getHeight()).as("drawn").isGreaterThan(100);
    }
    List<WebElement> products = browser.findElements(By.cssSelector("svg.products"));
    assertThat(products).hasSize(2);
    assertThat(products.get(0).findElements(By.cssSelector("rect.bar")))
        .hasSize((int) scalar("select count(distinct product_id) from vestr_fee_records where currency = 'CHF' "
            + "and booking_date >= date_trunc('month', current_date) - interval '13 months'"));
    assertThat(products.get(1).findElements(By.cssSelector("rect.bar"))).hasSize(2);
    WebElement firstBar = products.get(0).findElement(By.cssSelector("rect.bar"));
    assertThat(firstBar.getSize().getWidth()).as("the largest product's bar is drawn wide").isGreaterThan(300);

    assertThat(browser.findElements(By.cssSelector("table.snapshot tbody tr")))
        .hasSize((int) scalar("select count(distinct product_id) from vestr_fee_records"));
    assertThat(browser.findElements(By.cssSelector("table.syncs tbody tr"))).hasSize(10);

    Path buildFolder = Path.of(ReportBrowserIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent();
    Path screenshot = buildFolder.resolve("fee-report.png");
    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(screenshot)).isGreaterThan(20_000);

    PrintOptions print = new PrintOptions();
    print.setOrientation(PrintOptions.Orientation.LANDSCAPE);
    print.setPageSize(new PageSize(29.7, 21.0)); // A4, in centimetres
    print.setBackground(true);
    byte[] pdf = Base64.getDecoder().decode(browser.print(print).getContent());
    Files.write(buildFolder.resolve("fee-report.pdf"), pdf);
    String text = new String(pdf, StandardCharsets.ISO_8859_1);
    assertThat(text).startsWith("%PDF-");
    Matcher pages = Pattern.compile("/Type\\s*/Page(?!s)").matcher(text);
    int count = 0;
    while (pages.find()) {
      count++;
    }
    assertThat(count).as("pages: one per currency at least, then the tables").isGreaterThanOrEqualTo(3);
  }

  private static String requestUrl(String message) {
    try {
      return new ObjectMapper().readTree(message).at("/message/params/request/url").asText("?");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
