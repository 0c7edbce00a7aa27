/** Vestr platform client: Keycloak login with TOTP and the GraphQL fee-deduction API. */
package org.integratedsync.vestr;
