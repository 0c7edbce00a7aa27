package org.integratedsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.postgres.PostgresDatabase;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.vestr.VestrFake;

/**
 * The services a full run talks to, all local: an SFTP server holding the sample inbox, a Dropbox
 * fake, a Vestr fake and a PostgreSQL database; plus the environment that points the command at
 * them.
 */
final class Services implements AutoCloseable {
  /** Selected files of the sample inbox, in name order. */
  static final List<String> SELECTED =
      List.of(
          "100234-20251215170501-INTE100F.xlsx",
          "100234-20251215170502-INTE400F.xlsx",
          "100457-20251215171000-INTE100F.xlsx",
          "300901-20251215-INTE400F.xlsx",
          "300901-202512151702-INTE100F.xlsx",
          "300902-20251214120000-inte400f.XLSX");

  static final String SFTP_USER = "credinvest";
  static final String SFTP_PASSWORD = "Sftp-Pass-7f3a9c";
  static final LocalDate TODAY = LocalDate.of(2025, 12, 15);

  final SftpTestServer sftp;
  final FakeDropbox dropbox;
  final VestrFake vestr;
  final PostgresDatabase database;

  Services(PostgresDatabase database, java.time.Clock vestrClock) {
    this.database = database;
    this.sftp = new SftpTestServer().withPasswordUser(SFTP_USER, SFTP_PASSWORD).start();
    this.dropbox = FakeDropbox.start();
    this.vestr =
        VestrFake.builder()
            .records(120)
            .products(6)
            .bookingDates(TODAY.minusDays(59), TODAY)
            .clock(vestrClock)
            .build()
            .start();
    Instant mtime = Instant.parse("2025-12-15T16:20:00Z");
    try (Stream<Path> files = Files.list(CliRun.sampleInbox())) {
      for (Path file : files.sorted().toList()) {
        sftp.writeFile(file.getFileName().toString(), Files.readAllBytes(file), mtime);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the environment of a run against these services. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("CREDINVEST_SFTP_HOST", sftp.host());
    env.put("CREDINVEST_SFTP_PORT", Integer.toString(sftp.port()));
    env.put("CREDINVEST_SFTP_USERNAME", SFTP_USER);
    env.put("CREDINVEST_SFTP_PASSWORD", SFTP_PASSWORD);
    env.put("CREDINVEST_SFTP_HOST_KEY", sftp.hostKeyFingerprint());
    env.put("DROPBOX_APP_KEY", FakeDropbox.APP_KEY);
    env.put("DROPBOX_APP_SECRET", FakeDropbox.APP_SECRET);
    env.put("DROPBOX_REFRESH_TOKEN", FakeDropbox.REFRESH_TOKEN);
    env.put("DROPBOX_BASE_URL", dropbox.baseUrl());
    env.put("DROPBOX_RETRY_PASSES", "1");
    env.put("DROPBOX_CALL_ATTEMPTS", "2");
    env.put("DROPBOX_BACKOFF_MILLIS", "0");
    env.put("VESTR_URL", vestr.url().toString());
    env.put("VESTR_AUTH_MODE", "oidc");
    env.put("VESTR_OIDC_ISSUER", vestr.issuer().toString());
    env.put("VESTR_OIDC_CLIENT_ID", vestr.clientId());
    env.put("VESTR_OIDC_REDIRECT_URI", vestr.redirectUri().toString());
    env.put("VESTR_GRAPHQL_URL", vestr.graphqlUrl().toString());
    env.put("VESTR_USERNAME", vestr.username());
    env.put("VESTR_PASSWORD", vestr.password());
    env.put("VESTR_OTP_SECRET", vestr.otpSecret());
    env.put("DATABASE_URL", database.libpqUrl());
    return env;
  }

  /** Returns the number of rows of a table. */
  long rows(String table) {
    return scalar("select count(*) from " + table);
  }

  /** Returns the single number a query returns. */
  long scalar(String sql) {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Returns whether a table exists. */
  boolean tableExists(String table) {
    return scalar("select count(*) from information_schema.tables where table_name = '" + table + "'") > 0;
  }

  @Override
  public void close() {
    vestr.close();
    dropbox.close();
    sftp.close();
  }
}
