/**
 * Vestr platform client: Keycloak login with password and TOTP, and the GraphQL fee-deduction API.
 *
 * <p>Build a {@link org.integratedsync.vestr.VestrSettings}, create a
 * {@link org.integratedsync.vestr.VestrClient} and call
 * {@link org.integratedsync.vestr.VestrClient#fetchFeeDeductions}; every failure is a
 * {@link org.integratedsync.vestr.VestrException}.
 */
package org.integratedsync.vestr;
