package org.integratedsync.vestr;

import java.time.LocalDate;

/**
 * What one {@link VestrClient#fetchFeeDeductions} call handed on.
 *
 * @param from the first booking date of the window
 * @param to the last booking date of the window
 * @param pages the number of pages fetched
 * @param records the number of records handed to the consumer
 */
public record FetchSummary(LocalDate from, LocalDate to, int pages, long records) {}
