package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.integratedsync.testkit.vestr.FakeFeeRecord;
import org.integratedsync.testkit.vestr.GraphQlFault;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paged GraphQL fetch against the testkit's fake: pagination, faults, 401 handling. */
class FeeFetchTest {
  private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2025, 4, 10);

  private VestrFake fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private VestrClient client(AuthMode mode) {
    VestrSettings.Builder settings = VestrSettings.builder()
        .vestrUrl(mode == AuthMode.SESSION ? fake.appUrl() : fake.url())
        .graphqlUrl(fake.graphqlUrl())
        .authMode(mode)
        .oidcIssuer(fake.issuer())
        .clientId(fake.clientId())
        .redirectUri(fake.redirectUri())
        .username(fake.username())
        .password(fake.password())
        .otpSecret(fake.otpSecret());
    return VestrClient.create(settings.build());
  }

  private VestrFake start(long records) {
    fake = VestrFake.builder().records(records).bookingDates(FIRST, LAST).build().start();
    return fake;
  }

  @Test
  void pagesAreHandedOnOneByOneAndMatchWhatWasSent() {
    start(1_000);
    LocalDate from = LocalDate.of(2025, 2, 1);
    LocalDate to = LocalDate.of(2025, 2, 28);
    long expected = fake.count(from, to);
    List<Integer> pageSizes = new ArrayList<>();
    List<FeeDeduction> all = new ArrayList<>();

    FetchSummary summary = client(AuthMode.OIDC).fetchFeeDeductions(from, to, 37, page -> {
      pageSizes.add(page.size());
      all.addAll(page);
    });

    assertThat(expected).isBetween(250L, 310L);
    assertThat(summary.records()).isEqualTo(expected);
    assertThat(summary.pages()).isEqualTo((int) ((expected + 36) / 37));
    assertThat(pageSizes.subList(0, pageSizes.size() - 1)).allMatch(size -> size == 37);
    assertThat(all).hasSize((int) expected);
    long firstIndex = Long.parseLong(all.get(0).id().substring(all.get(0).id().lastIndexOf('-') + 1));
    for (int i = 0; i < all.size(); i++) {
      FakeFeeRecord sent = fake.record(firstIndex + i);
      FeeDeduction read = all.get(i);
      assertThat(read.id()).isEqualTo(sent.id());
      assertThat(read.bookingDate()).isEqualTo(sent.bookingDate()).isBetween(from, to);
      assertThat(read.valueDate()).isEqualTo(sent.valueDate());
      // BigDecimal.equals compares the scale too: 12.30 must not become 12.3
      assertThat(read.amount()).isEqualTo(sent.amount());
      assertThat(read.currency()).isEqualTo(sent.currency());
      assertThat(read.sourceFeeType()).isEqualTo(sent.sourceFeeType());
      assertThat(read.feeType().name()).isEqualTo(sent.normalisedFeeType());
      assertThat(read.productId()).isEqualTo(sent.productId());
      assertThat(read.productIsin()).isEqualTo(sent.productIsin());
      assertThat(read.productName()).isEqualTo(sent.productName());
      assertThat(read.outstandingQuantity()).isEqualTo(sent.outstandingQuantity());
    }
    assertThat(all).extracting(FeeDeduction::id).doesNotHaveDuplicates();
    assertThat(fake.logins()).isEqualTo(1);
  }

  @Test
  void amountsArriveAsStringsAndAsNumbers() {
    start(10);
    List<FeeDeduction> all = new ArrayList<>();
    client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 100, all::addAll);

    assertThat(all).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(fake.record(i).amountAsString()).isEqualTo(i % 2 == 0);
      assertThat(all.get(i).amount()).isEqualTo(fake.record(i).amount());
      assertThat(all.get(i).amount().scale()).isEqualTo(2);
    }
  }

  @Test
  void emptyWindowIsOnePageWithoutRecords() {
    start(100);
    List<List<FeeDeduction>> pages = new ArrayList<>();
    FetchSummary summary = client(AuthMode.OIDC)
        .fetchFeeDeductions(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 31), 50, pages::add);

    assertThat(summary.records()).isZero();
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0)).isEmpty();
  }

  @Test
  void sessionModeFetchesWithCookies() {
    start(120);
    FetchSummary summary = client(AuthMode.SESSION).fetchFeeDeductions(FIRST, LAST, 50, page -> { });

    assertThat(summary.records()).isEqualTo(120);
    assertThat(summary.pages()).isEqualTo(3);
  }

  @Test
  void graphQlErrorsWithoutDataBecomeATypedException() {
    start(100);
    fake.enqueueFault(GraphQlFault.GRAPHQL_ERROR);
    List<FeeDeduction> received = new ArrayList<>();

    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, received::addAll))
        .isInstanceOfSatisfying(GraphQlException.class, e -> {
          assertThat(e.messages()).containsExactly("Internal error while loading fee deductions");
          assertThat(e.dataPresent()).isFalse();
        });
    assertThat(received).isEmpty();
  }

  @Test
  void graphQlErrorsWithDataAreNotHandedOn() {
    start(100);
    fake.enqueueFault(GraphQlFault.NONE, GraphQlFault.GRAPHQL_ERROR_WITH_DATA);
    List<FeeDeduction> received = new ArrayList<>();

    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 40, received::addAll))
        .isInstanceOfSatisfying(GraphQlException.class, e -> {
          assertThat(e.messages()).containsExactly("Product PRD-0003 could not be loaded");
          assertThat(e.dataPresent()).isTrue();
        })
        .hasMessageContaining("partial data discarded");
    assertThat(received).as("only the first, clean page").hasSize(40);
  }

  @Test
  void http500IsATypedErrorWithTheStatus() {
    start(100);
    fake.enqueueFault(GraphQlFault.HTTP_500);

    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, page -> { }))
        .isInstanceOfSatisfying(VestrHttpException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.uri()).isEqualTo(fake.graphqlUrl());
        });
  }

  @Test
  void truncatedJsonIsAClearError() {
    start(100);
    fake.enqueueFault(GraphQlFault.TRUNCATED_JSON);

    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, page -> { }))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void unauthorizedOnceIsFollowedByARefreshAndARetry() {
    start(100);
    fake.enqueueFault(GraphQlFault.NONE, GraphQlFault.UNAUTHORIZED);

    FetchSummary summary = client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, page -> { });

    assertThat(summary.records()).isEqualTo(100);
    assertThat(fake.refreshes()).isEqualTo(1);
    assertThat(fake.logins()).isEqualTo(1);
    assertThat(fake.graphQlRequests()).isEqualTo(3);
  }

  @Test
  void unauthorizedInSessionModeLeadsToANewLogin() {
    start(100);
    fake.enqueueFault(GraphQlFault.UNAUTHORIZED);

    FetchSummary summary = client(AuthMode.SESSION).fetchFeeDeductions(FIRST, LAST, 100, page -> { });

    assertThat(summary.records()).isEqualTo(100);
    assertThat(fake.logins()).isEqualTo(2);
  }

  @Test
  void unauthorizedTwiceIsReported() {
    start(100);
    fake.enqueueFault(GraphQlFault.UNAUTHORIZED, GraphQlFault.UNAUTHORIZED);

    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, page -> { }))
        .isInstanceOfSatisfying(VestrHttpException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("again");
  }

  @Test
  void revokedTokenWithRefusedRefreshLeadsToANewLogin() {
    start(100);
    VestrClient client = client(AuthMode.OIDC);
    client.login();
    fake.revokeAccessTokens();
    fake.refuseRefresh(true);

    FetchSummary summary = client.fetchFeeDeductions(FIRST, LAST, 100, page -> { });

    assertThat(summary.records()).isEqualTo(100);
    assertThat(fake.logins()).isEqualTo(2);
  }

  @Test
  void badRecordNamesItsIdAndField() {
    start(100);
    fake.enqueueFault(GraphQlFault.BAD_AMOUNT);

    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, page -> { }))
        .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
          assertThat(e.recordId()).isEqualTo(fake.record(0).id());
          assertThat(e.field()).isEqualTo("amount");
        });

    fake.enqueueFault(GraphQlFault.MISSING_CURRENCY);
    assertThatThrownBy(() -> client(AuthMode.OIDC).fetchFeeDeductions(FIRST, LAST, 50, page -> { }))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.field()).isEqualTo("currency"));
  }

  @Test
  void queryDocumentCanBeReplacedByAFile(@TempDir Path dir) throws Exception {
    start(10);
    String document = "query Q($from: Date!, $to: Date!, $first: Int!, $after: String) {\n"
        + "  feeDeductions: fees(from: $from, to: $to, first: $first, after: $after) { pageInfo { hasNextPage endCursor } }\n}";
    Path file = Files.writeString(dir.resolve("fees.graphql"), document);
    VestrClient client = VestrClient.create(VestrSettings.builder()
        .vestrUrl(fake.url()).oidcIssuer(fake.issuer()).clientId(fake.clientId())
        .redirectUri(fake.redirectUri()).username(fake.username()).password(fake.password())
        .otpSecret(fake.otpSecret()).queryFile(file).build());

    client.fetchFeeDeductions(FIRST, LAST, 10, page -> { });

    assertThat(client.queryDocument()).isEqualTo(document);
    assertThat(fake.lastQuery()).isEqualTo(document);
  }

  @Test
  void builtInQueryAsksForTheDocumentedShape() {
    start(0);
    String query = client(AuthMode.OIDC).queryDocument();
    assertThat(query).contains("feeDeductions", "pageInfo", "hasNextPage", "endCursor", "edges",
        "node", "bookingDate", "valueDate", "amount", "currency", "feeType", "product",
        "outstandingQuantity", "$after");
  }

  @Test
  void missingQueryFileIsReportedAtCreation(@TempDir Path dir) {
    VestrSettings settings = VestrSettings.builder()
        .oidcIssuer(java.net.URI.create("http://127.0.0.1:1")).clientId("c")
        .redirectUri(java.net.URI.create("http://127.0.0.1/cb")).username("u").password("p")
        .otpSecret("JBSWY3DP").queryFile(dir.resolve("missing.graphql")).build();

    assertThatThrownBy(() -> VestrClient.create(settings)).isInstanceOf(VestrException.class)
        .hasMessageContaining("missing.graphql");
  }

  @Test
  void invalidWindowOrPageSizeIsRefusedBeforeAnyRequest() {
    start(10);
    VestrClient client = client(AuthMode.OIDC);
    assertThatThrownBy(() -> client.fetchFeeDeductions(LAST, FIRST, 10, page -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.fetchFeeDeductions(FIRST, LAST, 0, page -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.graphQlRequests()).isZero();
  }
}
