package org.integratedsync.cli.reliability;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.integratedsync.testkit.vestr.VestrFake;

/** Vestr fakes for fee runs: records booked in the last 20 days, inside the default 30-day window. */
final class Fees {
  private Fees() {}

  /**
   * Starts a fake with the secrets' password and OTP secret. A fresh fake per run, because a fake
   * accepts each 30 s TOTP step once, as Keycloak does, and the scenarios run more often than that.
   */
  static VestrFake start(Secrets secrets, long seed, long records) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return VestrFake.builder()
        .password(secrets.vestrPassword)
        .otpSecret(secrets.vestrOtpSecret)
        .seed(seed)
        .records(records)
        .products(12)
        .bookingDates(today.minusDays(20), today.minusDays(1))
        .build()
        .start();
  }
}
