/**
 * Real PostgreSQL for tests: a throwaway cluster started from the local PostgreSQL binaries (or the
 * server named by {@code TEST_DATABASE_URL}), and a JUnit 5 extension that gives each test class a
 * fresh database.
 *
 * <p>Start at {@link org.integratedsync.testkit.postgres.PostgresExtension} inside JUnit, or at
 * {@link org.integratedsync.testkit.postgres.ThrowawayPostgres#shared()} from plain Java (CLI tests,
 * benchmarks).
 */
package org.integratedsync.testkit.postgres;
