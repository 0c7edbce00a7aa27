package org.integratedsync.testkit.vestr;

/** The page markup the {@link VestrFake} serves for its login pages. */
public enum LoginTheme {
  /** Keycloak 26's default {@code keycloak.v2} theme (PatternFly 5, {@code data-page-id}). */
  KEYCLOAK_V2,
  /** The older {@code keycloak} theme: no {@code data-page-id}, {@code input type=submit}, alert boxes. */
  KEYCLOAK_LEGACY,
  /**
   * A lightly customised theme: other form ids, an {@code email}-typed username, a relative form
   * action, upper-case {@code METHOD}, an extra hidden field that must be posted back, errors in a
   * {@code role=alert} paragraph.
   */
  CUSTOM
}
