package org.integratedsync.vestr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeeTypeTest {
  @ParameterizedTest
  @CsvSource({
    "management_fee, MANAGEMENT",
    "Management Fee, MANAGEMENT",
    "MANAGEMENT, MANAGEMENT",
    "MGMT, MANAGEMENT",
    "mgmt-fee, MANAGEMENT",
    "performance_fee, PERFORMANCE",
    "Performance Fees, PERFORMANCE",
    "perf, PERFORMANCE",
    "PERF, PERFORMANCE",
    "custody, CUSTODY",
    "Custody Fee, CUSTODY",
    "CUSTODY_FEE, CUSTODY",
    "admin_fee, OTHER",
    "fee, OTHER",
    "'', OTHER",
    "managementperformance, OTHER"
  })
  void normalisesWithoutRegardToCaseOrSeparators(String source, FeeType expected) {
    assertThat(FeeType.normalise(source)).isEqualTo(expected);
  }
}
