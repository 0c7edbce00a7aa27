package org.integratedsync.vestr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.integratedsync.vestr.FeeDeduction;
import org.integratedsync.vestr.FeeType;
import org.integratedsync.vestr.MalformedResponseException;

/**
 * Reads one page of the fee-deductions connection ({@code data.feeDeductions}) into records.
 *
 * <p>Required per record: {@code id}, {@code bookingDate}, {@code amount}, {@code currency},
 * {@code feeType}, {@code product.id}; {@code valueDate}, {@code product.isin},
 * {@code product.name} and {@code product.outstandingQuantity} may be missing or null. Amounts and
 * quantities may be JSON strings or numbers and keep their exact decimal value.
 */
public final class FeeDeductionParser {
  private FeeDeductionParser() {}

  /** One page: its records and where the next page starts. */
  public record Page(List<FeeDeduction> records, boolean hasNextPage, String endCursor) {}

  /** Parses {@code data}, the GraphQL response's data object. */
  public static Page parse(JsonNode data) {
    JsonNode connection = data == null ? null : data.get("feeDeductions");
    if (connection == null || !connection.isObject()) {
      throw new MalformedResponseException(
          "response lacks data.feeDeductions (check the query document)", null, "data.feeDeductions");
    }
    JsonNode pageInfo = connection.get("pageInfo");
    if (pageInfo == null || !pageInfo.isObject()) {
      throw new MalformedResponseException("response lacks data.feeDeductions.pageInfo", null,
          "pageInfo");
    }
    JsonNode hasNext = pageInfo.get("hasNextPage");
    if (hasNext == null || !hasNext.isBoolean()) {
      throw new MalformedResponseException("pageInfo.hasNextPage is missing or not a boolean", null,
          "pageInfo.hasNextPage");
    }
    JsonNode cursor = pageInfo.get("endCursor");
    String endCursor = cursor == null || cursor.isNull() ? null : cursor.asText();
    JsonNode edges = connection.get("edges");
    if (edges == null || !edges.isArray()) {
      throw new MalformedResponseException("response lacks the array data.feeDeductions.edges", null,
          "edges");
    }
    List<FeeDeduction> records = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      JsonNode node = edges.get(i).get("node");
      if (node == null || !node.isObject()) {
        throw new MalformedResponseException("edge " + i + " of the page has no node object", null,
            "edges[" + i + "].node");
      }
      records.add(record(node, i));
    }
    return new Page(Collections.unmodifiableList(records), hasNext.booleanValue(), endCursor);
  }

  private static FeeDeduction record(JsonNode node, int index) {
    JsonNode idNode = node.get("id");
    if (idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.asText().isEmpty()) {
      throw new MalformedResponseException("fee deduction at position " + index
          + " of the page has no id", null, "id");
    }
    String id = idNode.asText();
    JsonNode product = node.get("product");
    if (product == null || !product.isObject()) {
      throw missing(id, "product");
    }
    String sourceFeeType = text(node, "feeType", id, "feeType", true);
    return new FeeDeduction(
        id,
        date(node, "bookingDate", id, true),
        date(node, "valueDate", id, false),
        decimal(node, "amount", id, "amount", true),
        text(node, "currency", id, "currency", true),
        FeeType.normalise(sourceFeeType),
        sourceFeeType,
        idText(product, id),
        text(product, "isin", id, "product.isin", false),
        text(product, "name", id, "product.name", false),
        decimal(product, "outstandingQuantity", id, "product.outstandingQuantity", false));
  }

  private static String idText(JsonNode product, String id) {
    JsonNode value = product.get("id");
    if (value == null || value.isNull()) {
      throw missing(id, "product.id");
    }
    if (!(value.isTextual() || value.isIntegralNumber()) || value.asText().isEmpty()) {
      throw malformed(id, "product.id", value);
    }
    return value.asText();
  }

  private static String text(JsonNode parent, String name, String id, String field, boolean required) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw missing(id, field);
      }
      return null;
    }
    if (!value.isTextual() || (required && value.asText().isBlank())) {
      throw malformed(id, field, value);
    }
    return value.asText();
  }

  private static LocalDate date(JsonNode parent, String name, String id, boolean required) {
    String text = text(parent, name, id, name, required);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw malformed(id, name, parent.get(name));
    }
  }

  private static BigDecimal decimal(JsonNode parent, String name, String id, String field,
      boolean required) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw missing(id, field);
      }
      return null;
    }
    if (value.isNumber()) {
      // floats arrive as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS): no binary rounding
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        throw malformed(id, field, value);
      }
    }
    throw malformed(id, field, value);
  }

  private static MalformedResponseException missing(String id, String field) {
    return new MalformedResponseException("fee deduction " + id + ": field " + field + " is missing",
        id, field);
  }

  private static MalformedResponseException malformed(String id, String field, JsonNode value) {
    String shown = value.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 60) + "...";
    }
    return new MalformedResponseException("fee deduction " + id + ": field " + field
        + " is malformed: " + shown, id, field);
  }
}
