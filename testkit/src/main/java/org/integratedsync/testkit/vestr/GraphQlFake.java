package org.integratedsync.testkit.vestr;

import static org.integratedsync.testkit.vestr.FakeHttp.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * The GraphQL endpoint of {@link VestrFake}: the {@code feeDeductions} query over a {@link
 * FeeDataSet}, by booking-date window with cursor pagination, written page by page with a streaming
 * generator, and the {@link GraphQlFault}s queued for the next responses.
 *
 * <p>Not thread-safe on its own: {@link VestrFake} calls it under its lock.
 */
final class GraphQlFake {
  private final FeeDataSet data;
  private final Predicate<RecordedRequest> authorised;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonFactory jsonFactory = new JsonFactory();
  private final Deque<GraphQlFault> faults = new ArrayDeque<>();
  private volatile String lastQuery;
  private boolean holdResponse;

  final AtomicLong requests = new AtomicLong();
  final AtomicLong recordsServed = new AtomicLong();

  /**
   * Creates the endpoint.
   *
   * @param data the records it serves
   * @param authorised whether a request carries valid credentials (a bearer token or a session)
   */
  GraphQlFake(FeeDataSet data, Predicate<RecordedRequest> authorised) {
    this.data = data;
    this.authorised = authorised;
  }

  /** Queues faults for the next responses, one response each, in order. */
  void enqueueFault(List<GraphQlFault> next) {
    faults.addAll(next);
  }

  /**
   * Returns whether the response just made must be held back ({@link GraphQlFault#STALL}), and
   * clears it; {@link VestrFake} holds it outside its lock.
   */
  boolean takeHold() {
    boolean hold = holdResponse;
    holdResponse = false;
    return hold;
  }

  /** Returns the query document of the last request, or null. */
  String lastQuery() {
    return lastQuery;
  }

  /** Answers one GraphQL request, with the next queued fault if any. */
  MockResponse handle(RecordedRequest request) {
    requests.incrementAndGet();
    GraphQlFault fault = faults.poll();
    if (fault == GraphQlFault.NONE) {
      fault = null;
    }
    if (fault == GraphQlFault.CONNECTION_RESET) {
      return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }
    if (fault == GraphQlFault.HTTP_502 || fault == GraphQlFault.HTTP_503 || fault == GraphQlFault.HTTP_504) {
      // answered by a gateway in front of the API, whatever the credentials
      int status = fault == GraphQlFault.HTTP_502 ? 502 : fault == GraphQlFault.HTTP_503 ? 503 : 504;
      return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html")
          .body("<html><body><h1>" + status + "</h1>The server is temporarily unavailable.</body></html>").build();
    }
    if (fault == GraphQlFault.UNAUTHORIZED || !authorised.test(request)) {
      return json(401, "{\"errors\":[{\"message\":\"Unauthorized\"}]}");
    }
    if (fault == GraphQlFault.HTTP_500) {
      return new MockResponse.Builder().code(500).body("Internal Server Error").build();
    }
    JsonNode body;
    try {
      body = json.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return json(400, "{\"errors\":[{\"message\":\"Request body is not JSON\"}]}");
    }
    lastQuery = body == null ? null : body.path("query").asText(null);
    if (body == null || !body.path("query").asText("").contains("feeDeductions")) {
      return json(200, "{\"errors\":[{\"message\":\"Cannot query: no feeDeductions field\"}],\"data\":null}");
    }
    JsonNode variables = body.path("variables");
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(variables.path("from").asText());
      to = LocalDate.parse(variables.path("to").asText());
    } catch (RuntimeException e) {
      return json(200, "{\"errors\":[{\"message\":\"Variable $from or $to is not a Date\"}],\"data\":null}");
    }
    int first = variables.path("first").asInt(0);
    if (first < 1 || first > 10_000) {
      return json(200, "{\"errors\":[{\"message\":\"first must be 1..10000\"}],\"data\":null}");
    }
    long start = data.firstIndexFrom(from);
    long end = Math.max(start, data.firstIndexAfter(to));
    JsonNode after = variables.path("after");
    if (!after.isMissingNode() && !after.isNull()) {
      long cursor = decodeCursor(after.asText());
      if (cursor < start - 1 || cursor >= end) {
        return json(200, "{\"errors\":[{\"message\":\"Invalid cursor\"}],\"data\":null}");
      }
      start = cursor + 1;
    }
    if (fault == GraphQlFault.GRAPHQL_ERROR) {
      return json(200, "{\"errors\":[{\"message\":\"Internal error while loading fee deductions\","
          + "\"path\":[\"feeDeductions\"]}],\"data\":null}");
    }
    long stop = Math.min(end, start + first);
    String page = page(start, stop, end, fault);
    if (fault == GraphQlFault.TRUNCATED_JSON) {
      return json(200, page.substring(0, page.length() / 2));
    }
    if (fault == null || fault == GraphQlFault.SLOW_PAGE || fault == GraphQlFault.STALL) {
      recordsServed.addAndGet(stop - start);
    }
    holdResponse = fault == GraphQlFault.STALL;
    if (fault == GraphQlFault.SLOW_PAGE) {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(page)
          .headersDelay(VestrFake.SLOW_PAGE_DELAY.toMillis(), TimeUnit.MILLISECONDS).build();
    }
    return json(200, page);
  }

  private String page(long start, long stop, long end, GraphQlFault fault) {
    StringWriter out = new StringWriter((int) Math.min(1 << 20, (stop - start) * 400 + 200));
    try (JsonGenerator gen = jsonFactory.createGenerator(out)) {
      gen.writeStartObject();
      if (fault == GraphQlFault.GRAPHQL_ERROR_WITH_DATA) {
        gen.writeArrayFieldStart("errors");
        gen.writeStartObject();
        gen.writeStringField("message", "Product PRD-0003 could not be loaded");
        gen.writeEndObject();
        gen.writeEndArray();
      }
      gen.writeObjectFieldStart("data");
      gen.writeObjectFieldStart("feeDeductions");
      gen.writeObjectFieldStart("pageInfo");
      gen.writeBooleanField("hasNextPage", stop < end);
      if (stop > start) {
        gen.writeStringField("endCursor", encodeCursor(stop - 1));
      } else {
        gen.writeNullField("endCursor");
      }
      gen.writeEndObject();
      gen.writeArrayFieldStart("edges");
      for (long i = start; i < stop; i++) {
        FakeFeeRecord r = data.record(i);
        gen.writeStartObject();
        gen.writeStringField("cursor", encodeCursor(i));
        gen.writeObjectFieldStart("node");
        gen.writeStringField("id", r.id());
        gen.writeStringField("bookingDate", r.bookingDate().toString());
        if (r.valueDate() == null) {
          gen.writeNullField("valueDate");
        } else {
          gen.writeStringField("valueDate", r.valueDate().toString());
        }
        boolean firstRecord = i == start;
        if (firstRecord && fault == GraphQlFault.BAD_AMOUNT) {
          gen.writeStringField("amount", "12,50");
        } else if (r.amountAsString()) {
          gen.writeStringField("amount", r.amount().toPlainString());
        } else {
          gen.writeFieldName("amount");
          gen.writeRawValue(r.amount().toPlainString());
        }
        if (!(firstRecord && fault == GraphQlFault.MISSING_CURRENCY)) {
          gen.writeStringField("currency", r.currency());
        }
        gen.writeStringField("feeType", r.sourceFeeType());
        gen.writeObjectFieldStart("product");
        gen.writeStringField("id", r.productId());
        gen.writeStringField("isin", r.productIsin());
        gen.writeStringField("name", r.productName());
        if (r.outstandingQuantity() == null) {
          gen.writeNullField("outstandingQuantity");
        } else {
          gen.writeFieldName("outstandingQuantity");
          gen.writeRawValue(r.outstandingQuantity().toPlainString());
        }
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeEndObject();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String encodeCursor(long index) {
    return Base64.getEncoder().encodeToString(("idx:" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      return text.startsWith("idx:") ? Long.parseLong(text.substring(4)) : Long.MIN_VALUE;
    } catch (IllegalArgumentException e) {
      return Long.MIN_VALUE;
    }
  }
}
