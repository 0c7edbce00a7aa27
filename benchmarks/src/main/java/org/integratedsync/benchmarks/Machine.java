package org.integratedsync.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** Describes the machine a run happened on, for the line under the table. Thread-safe. */
final class Machine {

  private Machine() {}

  /** One line: cores, memory, JVM, heap limit, PostgreSQL version (or null when unused), OS. */
  static String describe(String postgresVersion) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String postgres = postgresVersion == null ? "PostgreSQL not used" : "PostgreSQL " + postgresVersion;
    return String.format(Locale.ROOT, "%d cores, %.1f GB RAM, %s %s (%s), max heap %s, %s, %s %s",
        Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / 1e9,
        System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vendor"),
        Stats.megabytes(Runtime.getRuntime().maxMemory()), postgres, System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }
}
