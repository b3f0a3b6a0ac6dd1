package io.netpool.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * CPU, heap and threads of this JVM over a measured window: process CPU time (all threads, GC and
 * JIT included), the heap pools' peak usage after a reset at the window's start (their sum: an
 * upper bound of the true peak, garbage included), the largest heap left after any GC in the window
 * (the live set plus what the GC did not reclaim yet), platform thread counts, GC count and time.
 */
final class ResourceMeter {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final Set<String> heapPoolNames =
      heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong maxAfterGc = new AtomicLong(-1);
  private volatile boolean armed;
  private long cpu0;
  private long wall0;
  private long gcCount0;
  private long gcMillis0;

  ResourceMeter() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (n, handback) -> {
              if (armed
                  && GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                      n.getType())) {
                afterGc(
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                        .getGcInfo()
                        .getMemoryUsageAfterGc());
              }
            },
            null,
            null);
      }
    }
  }

  private void afterGc(Map<String, MemoryUsage> after) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : after.entrySet()) {
      if (heapPoolNames.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
  }

  /** Starts the window: resets the peaks, takes the CPU and GC baselines. */
  void start() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    threads.resetPeakThreadCount();
    maxAfterGc.set(-1);
    gcCount0 = gcCount();
    gcMillis0 = gcMillis();
    wall0 = System.nanoTime();
    cpu0 = os.getProcessCpuTime();
    armed = true;
  }

  /** Ends the window. */
  Usage stop() {
    long cpu = os.getProcessCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    armed = false;
    long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Usage(
        wall / 1e9,
        cpu / 1e9,
        peak,
        maxAfterGc.get(),
        threads.getPeakThreadCount(),
        threads.getThreadCount(),
        gcCount() - gcCount0,
        (gcMillis() - gcMillis0) / 1e3);
  }

  /** Heap in use after two full collections: the live set. */
  static long liveHeapBytes() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .filter(v -> v > 0)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(v -> v > 0)
        .sum();
  }

  /**
   * @param wallSeconds length of the window
   * @param cpuSeconds process CPU time spent in the window
   * @param heapPeakBytes sum of the heap pools' peaks in the window
   * @param heapAfterGcMaxBytes largest heap after a GC in the window, -1 when no GC ran
   * @param peakThreads most platform threads alive at once
   * @param liveThreads platform threads alive at the end
   */
  record Usage(
      double wallSeconds,
      double cpuSeconds,
      long heapPeakBytes,
      long heapAfterGcMaxBytes,
      int peakThreads,
      int liveThreads,
      long gcCount,
      double gcSeconds) {}
}
