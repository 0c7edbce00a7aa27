package org.integratedsync.vestr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.docs.DocSnippets;
import org.integratedsync.testkit.vestr.VestrFake;
import org.integratedsync.vestr.AuthMode;
import org.integratedsync.vestr.FeeDeduction;
import org.integratedsync.vestr.FetchSummary;
import org.integratedsync.vestr.VestrClient;
import org.integratedsync.vestr.VestrSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vestr-client examples quoted in docs/embedding.md; they run as tests against the testkit's
 * Vestr fake (Keycloak-style login pages, token endpoint and GraphQL) so they stay true.
 */
class FeeFetchExampleTest {

  private static final LocalDate FIRST = LocalDate.of(2025, 11, 1);
  private static final LocalDate LAST = LocalDate.of(2025, 12, 31);

  private VestrFake vestr;

  @BeforeEach
  void startFake() {
    vestr = VestrFake.builder().records(300).bookingDates(FIRST, LAST).build().start();
  }

  @AfterEach
  void stopFake() {
    vestr.close();
  }

  @Test
  void fetchesFeeDeductionsPageByPage() {
    String password = vestr.password();
    String otpSecret = vestr.otpSecret();

    // tag::fetch[]
    VestrSettings settings = VestrSettings.builder()
        .vestrUrl(vestr.url())                 // default https://aisfg.delta.vestr.com
        .username(vestr.username())
        .password(password)                    // from your secret store, never from code
        .otpSecret(otpSecret)                  // base32, as shown when the authenticator was set up
        .authMode(AuthMode.OIDC)
        .oidcIssuer(vestr.issuer())            // e.g. https://sso.example.com/realms/vestr
        .clientId(vestr.clientId())
        .redirectUri(vestr.redirectUri())
        .build();
    VestrClient client = VestrClient.create(settings);

    List<FeeDeduction> received = new ArrayList<>();
    FetchSummary summary = client.fetchFeeDeductions(
        LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31), 100,
        page -> received.addAll(page));        // called once per page; store it and let it go
    System.out.println(summary.records() + " fee deductions in " + summary.pages() + " pages");
    // end::fetch[]

    assertThat(summary.records()).isEqualTo(vestr.count(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)));
    assertThat(summary.records()).isPositive();
    assertThat(summary.pages()).isGreaterThan(1);
    assertThat(received).hasSize((int) summary.records());
    assertThat(received).allSatisfy(fee ->
        assertThat(fee.bookingDate()).isBetween(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)));
  }

  @Test
  void sendsAReplacementQueryFromAFile() throws Exception {
    // the aliased query of docs/configuration.md; tests run in the module's folder
    Path queryFile = Path.of("..", "docs", "examples", "vestr", "fee-deductions-aliased.graphql");

    // tag::query[]
    VestrSettings settings = VestrSettings.builder()
        .vestrUrl(vestr.appUrl())              // the web app; its redirects lead to the login
        .graphqlUrl(vestr.graphqlUrl())        // default: the web app's URL + /graphql
        .username(vestr.username())
        .password(vestr.password())
        .otpSecret(vestr.otpSecret())
        .authMode(AuthMode.SESSION)            // the web app's own session cookies
        .queryFile(queryFile)                  // instead of the built-in query
        .build();
    VestrClient client = VestrClient.create(settings);
    // end::query[]

    FetchSummary summary = client.fetchFeeDeductions(FIRST, LAST, 500, page -> { });

    assertThat(client.queryDocument()).isEqualTo(Files.readString(queryFile));
    assertThat(vestr.lastQuery()).isEqualTo(Files.readString(queryFile));
    assertThat(summary.records()).isEqualTo(vestr.count(FIRST, LAST));
  }

  @Test
  void isQuotedUnchangedInTheEmbeddingDoc() throws Exception {
    String doc = Files.readString(DocSnippets.EMBEDDING_DOC);
    for (String tag : List.of("fetch", "query")) {
      assertThat(doc).as("docs/embedding.md quotes the region '%s' of this class as it is", tag)
          .contains(DocSnippets.region(getClass(), tag));
    }
  }
}
