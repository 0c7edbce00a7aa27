package org.integratedsync.testkit.vestr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class VestrFakeTest {
  private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2025, 12, 31);

  @Test
  void aMillionRecordsAreSpreadOverTheDatesWithoutBeingStored() {
    VestrFake fake = VestrFake.builder().records(1_000_000).bookingDates(FIRST, LAST).build();

    assertThat(fake.count(FIRST, LAST)).isEqualTo(1_000_000);
    long sum = 0;
    for (YearMonth month = YearMonth.from(FIRST); !month.isAfter(YearMonth.from(LAST)); month = month.plusMonths(1)) {
      long inMonth = fake.count(month.atDay(1), month.atEndOfMonth());
      assertThat(inMonth).isBetween(38_000L, 43_000L);
      sum += inMonth;
    }
    assertThat(sum).isEqualTo(1_000_000);
    assertThat(fake.record(0).bookingDate()).isEqualTo(FIRST);
    assertThat(fake.record(999_999).bookingDate()).isEqualTo(LAST);
    assertThat(fake.count(LAST.plusDays(1), LAST.plusDays(30))).isZero();
  }

  @Test
  void recordsAreDeterministicPerSeed() {
    VestrFake a = VestrFake.builder().seed(7).build();
    VestrFake b = VestrFake.builder().seed(7).build();
    VestrFake c = VestrFake.builder().seed(8).build();

    assertThat(a.record(123)).isEqualTo(b.record(123));
    assertThat(a.record(123).amount()).isNotEqualTo(c.record(123).amount());
    assertThat(a.record(123).amount().scale()).isEqualTo(2);
    assertThat(a.record(10).valueDate()).isEqualTo(a.record(10).bookingDate().plusDays(2));
    assertThat(a.record(50).valueDate()).isNull();
  }

  @Test
  void graphQlWithoutCredentialsIsRefused() throws Exception {
    try (VestrFake fake = VestrFake.builder().build().start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(fake.graphqlUrl())
              .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ feeDeductions }\"}")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(fake.graphQlRequests()).isEqualTo(1);
      assertThat(fake.recordsServed()).isZero();
    }
  }

  @Test
  void transientFaultsAnswerOnceEachWhateverTheCredentials() throws Exception {
    try (VestrFake fake = VestrFake.builder().build().start()) {
      fake.enqueueFault(GraphQlFault.HTTP_502, GraphQlFault.HTTP_503, GraphQlFault.HTTP_504,
          GraphQlFault.CONNECTION_RESET);
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(fake.graphqlUrl())
          .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ feeDeductions }\"}")).build();

      for (int status : new int[] {502, 503, 504}) {
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(status);
      }
      assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
      // the queue is used up: the request is judged on its (missing) credentials again
      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(fake.graphQlRequests()).isEqualTo(5);
      assertThat(fake.recordsServed()).isZero();
    }
  }

  @Test
  void discoveryNamesTheEndpoints() throws Exception {
    try (VestrFake fake = VestrFake.builder().build().start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(java.net.URI.create(fake.issuer() + "/.well-known/openid-configuration"))
              .build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"issuer\":\"" + fake.issuer() + "\"",
          fake.issuer() + "/protocol/openid-connect/token", "S256");
    }
  }
}
