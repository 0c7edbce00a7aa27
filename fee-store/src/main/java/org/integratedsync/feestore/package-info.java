/**
 * PostgreSQL store for Vestr fee records, their daily, monthly and per-product summaries, and the
 * latest-fee snapshot a dashboard reads.
 *
 * <p>Start with {@link org.integratedsync.feestore.DatabaseUrl#toDataSource(String)} and
 * {@link org.integratedsync.feestore.FeeStore}: {@code migrate()} once, then per fetched window
 * {@code beginSync(...)}, {@code addPage(...)} for every page and {@code commit()}, and finally
 * {@code rebuildSnapshot()}. Every failure is a {@link org.integratedsync.feestore.FeeStoreException}.
 */
package org.integratedsync.feestore;
