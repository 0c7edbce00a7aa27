/** PostgreSQL store for Vestr fee records, their summaries and the latest-fee snapshot. */
package org.integratedsync.feestore;
