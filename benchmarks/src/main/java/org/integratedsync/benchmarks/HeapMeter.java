package org.integratedsync.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap while a piece of work runs: the most heap in use at any moment (garbage not yet
 * collected included, read from each collection's "before" figures and a 10 ms sampler) and the
 * most heap still live after a collection. One meter per measurement; {@link #close()} stops it.
 * Thread-safe.
 */
final class HeapMeter implements AutoCloseable {

  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakLive = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapMeter() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    sampler = new Thread(() -> {
      while (running) {
        record(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Collects garbage once (so earlier work does not count) and starts measuring. */
  static HeapMeter start() {
    System.gc();
    return new HeapMeter();
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
    record(peakUsed, sum(info.getMemoryUsageBeforeGc().values()));
    record(peakLive, sum(info.getMemoryUsageAfterGc().values()));
  }

  private static long sum(Iterable<MemoryUsage> usages) {
    long total = 0;
    for (MemoryUsage usage : usages) {
      total += usage.getUsed();
    }
    return total;
  }

  private static void record(AtomicLong peak, long value) {
    peak.accumulateAndGet(value, Math::max);
  }

  /** The most heap in use at any moment so far, in bytes. */
  long peakUsed() {
    return peakUsed.get();
  }

  /**
   * The most heap live after a collection so far, in bytes (0 when no collection ran). Note that
   * the collectors report non-heap pools too; with G1 and Parallel these are the heap pools only.
   */
  long peakLive() {
    return peakLive.get();
  }

  /** Formats both figures for the table, such as "310 MB (live 42 MB)". */
  String describe() {
    long live = peakLive();
    return Stats.megabytes(peakUsed()) + (live > 0 ? " (live " + Stats.megabytes(live) + ")" : "");
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
  }
}
