package org.integratedsync.vestr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.integratedsync.vestr.FeeDeduction;
import org.integratedsync.vestr.FeeType;
import org.integratedsync.vestr.MalformedResponseException;
import org.junit.jupiter.api.Test;

class FeeDeductionParserTest {

  private static JsonNode data(String nodes, String pageInfo) throws Exception {
    return Json.mapper().readTree("{\"feeDeductions\":{\"pageInfo\":" + pageInfo + ",\"edges\":["
        + nodes + "]}}");
  }

  private static String node(String id, String amount, String extra) {
    return "{\"node\":{\"id\":" + id + ",\"bookingDate\":\"2025-03-31\",\"valueDate\":\"2025-04-02\","
        + "\"amount\":" + amount + ",\"currency\":\"CHF\",\"feeType\":\"Management Fee\","
        + "\"product\":{\"id\":\"P1\",\"isin\":\"CH0012345678\",\"name\":\"Tracker\","
        + "\"outstandingQuantity\":\"1500.000\"}" + extra + "}}";
  }

  @Test
  void amountsAsStringsAndNumbersKeepTheirExactValueAndScale() throws Exception {
    FeeDeductionParser.Page page = FeeDeductionParser.parse(data(
        node("\"a\"", "\"12.30\"", "") + "," + node("\"b\"", "12.30", "") + ","
            + node("\"c\"", "0.1", "") + "," + node("\"d\"", "-1234567890123.456789", "") + ","
            + node("\"e\"", "100", ""),
        "{\"hasNextPage\":true,\"endCursor\":\"c1\"}"));

    assertThat(page.records()).extracting(FeeDeduction::amount).containsExactly(
        new BigDecimal("12.30"), new BigDecimal("12.30"), new BigDecimal("0.1"),
        new BigDecimal("-1234567890123.456789"), new BigDecimal("100"));
    assertThat(page.hasNextPage()).isTrue();
    assertThat(page.endCursor()).isEqualTo("c1");
  }

  @Test
  void allFieldsAreRead() throws Exception {
    FeeDeduction record = FeeDeductionParser.parse(data(node("42", "\"5.00\"", ""),
        "{\"hasNextPage\":false,\"endCursor\":null}")).records().get(0);

    assertThat(record).isEqualTo(new FeeDeduction("42", LocalDate.of(2025, 3, 31),
        LocalDate.of(2025, 4, 2), new BigDecimal("5.00"), "CHF", FeeType.MANAGEMENT,
        "Management Fee", "P1", "CH0012345678", "Tracker", new BigDecimal("1500.000")));
  }

  @Test
  void optionalFieldsMayBeNullOrMissing() throws Exception {
    String json = "{\"node\":{\"id\":\"x\",\"bookingDate\":\"2025-01-02\",\"valueDate\":null,"
        + "\"amount\":1,\"currency\":\"EUR\",\"feeType\":\"perf\",\"product\":{\"id\":7}}}";
    FeeDeduction record = FeeDeductionParser.parse(data(json, "{\"hasNextPage\":false}")).records().get(0);

    assertThat(record.valueDate()).isNull();
    assertThat(record.productIsin()).isNull();
    assertThat(record.outstandingQuantity()).isNull();
    assertThat(record.productId()).isEqualTo("7");
    assertThat(record.feeType()).isEqualTo(FeeType.PERFORMANCE);
  }

  @Test
  void malformedAmountNamesRecordAndField() {
    assertThatThrownBy(() -> FeeDeductionParser.parse(data(node("\"fd-9\"", "\"12,50\"", ""),
        "{\"hasNextPage\":false}")))
        .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
          assertThat(e.recordId()).isEqualTo("fd-9");
          assertThat(e.field()).isEqualTo("amount");
        })
        .hasMessageContaining("fd-9").hasMessageContaining("amount").hasMessageContaining("12,50");
  }

  @Test
  void missingCurrencyNamesRecordAndField() {
    String json = "{\"node\":{\"id\":\"fd-3\",\"bookingDate\":\"2025-01-02\",\"amount\":1,"
        + "\"feeType\":\"perf\",\"product\":{\"id\":\"p\"}}}";
    assertThatThrownBy(() -> FeeDeductionParser.parse(data(json, "{\"hasNextPage\":false}")))
        .isInstanceOfSatisfying(MalformedResponseException.class, e -> {
          assertThat(e.recordId()).isEqualTo("fd-3");
          assertThat(e.field()).isEqualTo("currency");
        });
  }

  @Test
  void malformedDateAndMissingProductIdAreNamed() {
    String badDate = "{\"node\":{\"id\":\"fd-4\",\"bookingDate\":\"31.03.2025\",\"amount\":1,"
        + "\"currency\":\"CHF\",\"feeType\":\"perf\",\"product\":{\"id\":\"p\"}}}";
    assertThatThrownBy(() -> FeeDeductionParser.parse(data(badDate, "{\"hasNextPage\":false}")))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.field()).isEqualTo("bookingDate"));
    String noProductId = "{\"node\":{\"id\":\"fd-5\",\"bookingDate\":\"2025-03-31\",\"amount\":1,"
        + "\"currency\":\"CHF\",\"feeType\":\"perf\",\"product\":{\"name\":\"n\"}}}";
    assertThatThrownBy(() -> FeeDeductionParser.parse(data(noProductId, "{\"hasNextPage\":false}")))
        .isInstanceOfSatisfying(MalformedResponseException.class,
            e -> assertThat(e.field()).isEqualTo("product.id"));
  }

  @Test
  void missingConnectionOrPageInfoIsReported() throws Exception {
    assertThatThrownBy(() -> FeeDeductionParser.parse(Json.mapper().readTree("{\"fees\":{}}")))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("data.feeDeductions");
    assertThatThrownBy(() -> FeeDeductionParser.parse(
        Json.mapper().readTree("{\"feeDeductions\":{\"edges\":[]}}")))
        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("pageInfo");
  }
}
