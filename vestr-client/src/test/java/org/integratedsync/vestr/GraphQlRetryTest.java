package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.integratedsync.testkit.vestr.GraphQlFault;
import org.integratedsync.testkit.vestr.VestrFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transient failures of the GraphQL call against the testkit's fake: retried with backoff through
 * the injected sleeper, bounded, and only for failures a later attempt can cure.
 */
class GraphQlRetryTest {
  private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2025, 3, 31);

  private final List<Duration> waits = new ArrayList<>();
  private VestrFake fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private VestrFake start(long records) {
    fake = VestrFake.builder().records(records).bookingDates(FIRST, LAST).build().start();
    return fake;
  }

  private VestrSettings.Builder settings() {
    return VestrSettings.builder()
        .vestrUrl(fake.url())
        .oidcIssuer(fake.issuer())
        .clientId(fake.clientId())
        .redirectUri(fake.redirectUri())
        .username(fake.username())
        .password(fake.password())
        .otpSecret(fake.otpSecret());
  }

  private VestrClient client(VestrSettings.Builder settings) {
    return VestrClient.create(settings.build(), Clock.systemUTC(), waits::add);
  }

  @ParameterizedTest
  @EnumSource(value = GraphQlFault.class, names = {"HTTP_502", "HTTP_503", "HTTP_504", "CONNECTION_RESET"})
  void oneTransientFailureIsRetriedAfterTheFirstBackoff(GraphQlFault fault) {
    start(100);
    fake.enqueueFault(fault);

    FetchSummary summary = client(settings()).fetchFeeDeductions(FIRST, LAST, 100, page -> { });

    assertThat(summary.records()).isEqualTo(100);
    assertThat(fake.graphQlRequests()).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(fake.logins()).as("the session is kept").isEqualTo(1);
  }

  @Test
  void aFailureOnALaterPageRepeatsOnlyThatPage() {
    start(300);
    fake.enqueueFault(GraphQlFault.NONE, GraphQlFault.HTTP_503, GraphQlFault.CONNECTION_RESET);
    List<String> ids = new ArrayList<>();

    FetchSummary summary = client(settings()).fetchFeeDeductions(FIRST, LAST, 100,
        page -> page.forEach(record -> ids.add(record.id())));

    assertThat(summary.pages()).isEqualTo(3);
    assertThat(ids).hasSize(300);
    Set<String> distinct = new HashSet<>(ids);
    assertThat(distinct).as("no page handed on twice").hasSize(300);
    assertThat(ids.get(0)).isEqualTo(fake.record(0).id());
    assertThat(ids.get(299)).isEqualTo(fake.record(299).id());
    assertThat(fake.graphQlRequests()).isEqualTo(5);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aPermanentBadGatewayFailsAfterTheBoundWithTheStatus() {
    start(100);
    fake.enqueueFault(GraphQlFault.HTTP_502, GraphQlFault.HTTP_502, GraphQlFault.HTTP_502,
        GraphQlFault.HTTP_502, GraphQlFault.HTTP_502);

    assertThatThrownBy(() -> client(settings()).fetchFeeDeductions(FIRST, LAST, 100, page -> { }))
        .isInstanceOfSatisfying(VestrHttpException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.uri()).isEqualTo(fake.graphqlUrl());
        })
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("3 attempts");
    assertThat(fake.graphQlRequests()).isEqualTo(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void theBackoffDoublesUpToItsMaximum() {
    start(10);
    for (int i = 0; i < 6; i++) {
      fake.enqueueFault(GraphQlFault.HTTP_504);
    }

    FetchSummary summary = client(settings().graphqlAttempts(7)
        .graphqlBackoff(Duration.ofMillis(500), Duration.ofSeconds(3)))
        .fetchFeeDeductions(FIRST, LAST, 100, page -> { });

    assertThat(summary.records()).isEqualTo(10);
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void aConnectionLostEveryTimeIsAConnectionErrorAfterTheBound() {
    start(10);
    for (int i = 0; i < 5; i++) {
      fake.enqueueFault(GraphQlFault.CONNECTION_RESET);
    }

    assertThatThrownBy(() -> client(settings()).fetchFeeDeductions(FIRST, LAST, 100, page -> { }))
        .isInstanceOf(VestrConnectionException.class)
        .hasMessageContaining("3 attempts");
    assertThat(fake.graphQlRequests()).isEqualTo(3);
  }

  @Test
  void oneAttemptTurnsRetryingOff() {
    start(10);
    fake.enqueueFault(GraphQlFault.HTTP_503);

    assertThatThrownBy(() -> client(settings().graphqlAttempts(1)).fetchFeeDeductions(FIRST, LAST, 100, page -> { }))
        .isInstanceOfSatisfying(VestrHttpException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(fake.graphQlRequests()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = GraphQlFault.class,
      names = {"HTTP_500", "GRAPHQL_ERROR", "GRAPHQL_ERROR_WITH_DATA", "TRUNCATED_JSON", "BAD_AMOUNT"})
  void otherFailuresAreNotRetried(GraphQlFault fault) {
    start(10);
    fake.enqueueFault(fault);

    assertThatThrownBy(() -> client(settings()).fetchFeeDeductions(FIRST, LAST, 100, page -> { }))
        .isInstanceOf(VestrException.class);
    assertThat(fake.graphQlRequests()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void graphQlErrorsAfterATransientFailureAreReportedAsThemselves() {
    start(10);
    fake.enqueueFault(GraphQlFault.HTTP_503, GraphQlFault.GRAPHQL_ERROR);

    assertThatThrownBy(() -> client(settings()).fetchFeeDeductions(FIRST, LAST, 100, page -> { }))
        .isInstanceOf(GraphQlException.class)
        .hasMessageContaining("Internal error while loading fee deductions");
    assertThat(fake.graphQlRequests()).isEqualTo(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void unauthorizedIsNotRetriedButLeadsToOneNewSignIn() {
    // 4xx: the one refresh-and-retry of a 401, never the backoff
    start(10);
    fake.enqueueFault(GraphQlFault.UNAUTHORIZED, GraphQlFault.UNAUTHORIZED, GraphQlFault.UNAUTHORIZED);

    assertThatThrownBy(() -> client(settings()).fetchFeeDeductions(FIRST, LAST, 100, page -> { }))
        .isInstanceOfSatisfying(VestrHttpException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(fake.graphQlRequests()).isEqualTo(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void theProbeIsRetriedToo() {
    start(10);
    fake.enqueueFault(GraphQlFault.HTTP_503);

    assertThat(client(settings()).probe(FIRST)).isEqualTo(1);
    assertThat(fake.graphQlRequests()).isEqualTo(2);
  }

  @Test
  void retrySettingsAreChecked() {
    start(1);
    assertThatThrownBy(() -> settings().graphqlAttempts(0).build())
        .isInstanceOfSatisfying(VestrConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("graphqlAttempts"));
    assertThatThrownBy(() -> settings().graphqlAttempts(11).build())
        .isInstanceOf(VestrConfigurationException.class);
    assertThatThrownBy(() -> settings().graphqlBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
        .isInstanceOfSatisfying(VestrConfigurationException.class,
            e -> assertThat(e.setting()).isEqualTo("graphqlBackoff"));
    assertThatThrownBy(() -> settings().graphqlBackoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)).build())
        .isInstanceOf(VestrConfigurationException.class);
    VestrSettings none = settings().graphqlBackoff(Duration.ZERO, Duration.ZERO).build();
    assertThat(none.graphqlBackoff()).isZero();
    VestrSettings defaults = settings().build();
    assertThat(defaults.graphqlAttempts()).isEqualTo(3);
    assertThat(defaults.graphqlBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.graphqlMaxBackoff()).isEqualTo(Duration.ofSeconds(8));
  }
}
