package org.integratedsync.benchmarks;

import java.math.BigDecimal;
import java.util.List;
import org.integratedsync.feestore.FeeRecord;

/** Writes fee records as CSV for the raw COPY baseline. Stateless and thread-safe. */
final class FeeCsv {

  private FeeCsv() {}

  /**
   * One CSV line per record with every column of {@code vestr_fee_records}, the bookkeeping columns
   * ({@code first_seen_at}, {@code updated_at}, {@code sync_run_id}) included.
   */
  static String of(List<FeeRecord> records, String now, long runId) {
    StringBuilder csv = new StringBuilder(records.size() * 200);
    for (FeeRecord r : records) {
      field(csv, r.id()).append(',');
      field(csv, r.bookingDate()).append(',');
      field(csv, r.valueDate()).append(',');
      field(csv, r.amount()).append(',');
      field(csv, r.currency()).append(',');
      field(csv, r.feeType().name()).append(',');
      field(csv, r.sourceFeeType()).append(',');
      field(csv, r.productId()).append(',');
      field(csv, r.productIsin()).append(',');
      field(csv, r.productName()).append(',');
      field(csv, r.outstandingQuantity()).append(',');
      csv.append(now).append(',').append(now).append(',').append(runId).append('\n');
    }
    return csv.toString();
  }

  private static StringBuilder field(StringBuilder csv, Object value) {
    if (value == null) {
      return csv;
    }
    String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    return csv.append('"').append(text.replace("\"", "\"\"")).append('"');
  }
}
