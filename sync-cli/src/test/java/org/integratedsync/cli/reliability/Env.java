package org.integratedsync.cli.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.integratedsync.testkit.dropbox.FakeDropbox;
import org.integratedsync.testkit.sftp.SftpTestServer;
import org.integratedsync.testkit.vestr.VestrFake;

/**
 * Environment variables that point a run at the test servers, named as in design.md's
 * configuration table. Each method returns a fresh, mutable map.
 */
final class Env {
  static final String SFTP_USER = "credinvest";

  private Env() {}

  /** SFTP with a password login and the server's host key pinned by fingerprint. */
  static Map<String, String> sftp(SftpTestServer server, Secrets secrets) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CREDINVEST_SFTP_HOST", server.host());
    env.put("CREDINVEST_SFTP_PORT", String.valueOf(server.port()));
    env.put("CREDINVEST_SFTP_USERNAME", SFTP_USER);
    env.put("CREDINVEST_SFTP_PASSWORD", secrets.sftpPassword);
    env.put("CREDINVEST_SFTP_HOST_KEY", server.hostKeyFingerprint());
    return env;
  }

  /** Dropbox through the fake, with the fake's app key and the secrets' app secret and token. */
  static Map<String, String> dropbox(FakeDropbox dropbox, Secrets secrets) {
    dropbox.setCredentials(FakeDropbox.APP_KEY, secrets.dropboxAppSecret, secrets.dropboxRefreshToken);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DROPBOX_BASE_URL", dropbox.baseUrl());
    env.put("DROPBOX_APP_KEY", FakeDropbox.APP_KEY);
    env.put("DROPBOX_APP_SECRET", secrets.dropboxAppSecret);
    env.put("DROPBOX_REFRESH_TOKEN", secrets.dropboxRefreshToken);
    env.put("DROPBOX_FOLDER", "/cred");
    return env;
  }

  /** Vestr through the fake in {@code oidc} mode (the default). */
  static Map<String, String> vestr(VestrFake fake) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VESTR_URL", fake.url().toString());
    env.put("VESTR_AUTH_MODE", "oidc");
    env.put("VESTR_OIDC_ISSUER", fake.issuer().toString());
    env.put("VESTR_OIDC_CLIENT_ID", fake.clientId());
    env.put("VESTR_OIDC_REDIRECT_URI", fake.redirectUri().toString());
    env.put("VESTR_GRAPHQL_URL", fake.graphqlUrl().toString());
    env.put("VESTR_USERNAME", fake.username());
    env.put("VESTR_PASSWORD", fake.password());
    env.put("VESTR_OTP_SECRET", fake.otpSecret());
    return env;
  }

  /** The fee store. */
  static Map<String, String> database(FeeDatabase database) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", database.url());
    return env;
  }

  /** Merges maps, later ones winning. */
  @SafeVarargs
  static Map<String, String> of(Map<String, String>... parts) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, String> part : parts) {
      env.putAll(part);
    }
    return env;
  }
}
