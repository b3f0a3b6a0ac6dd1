package io.netpool.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JVM and machine a harness ran on, for the result files. */
public final class RunInfo {
  private RunInfo() {}

  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("vendor", System.getProperty("java.vendor"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    return m;
  }
}
