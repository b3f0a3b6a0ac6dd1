package io.netpool.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine and JDK a run happened on, for the report (Linux /proc where available). */
final class MachineInfo {
  private MachineInfo() {}

  static ObjectNode describe(ObjectMapper json) {
    ObjectNode m = json.createObjectNode();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", procField("/proc/cpuinfo", "model name"));
    String mem = procField("/proc/meminfo", "MemTotal");
    m.put("memory", mem);
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("arch", System.getProperty("os.arch"));
    m.put(
        "jdk",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    m.put("java_home", System.getProperty("java.home"));
    m.put("load_average_start", loadAverage());
    return m;
  }

  /** The first three fields of /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String procField(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      for (String l : lines) {
        if (l.startsWith(key)) {
          int colon = l.indexOf(':');
          return colon < 0 ? l.strip() : l.substring(colon + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux: leave it unknown
    }
    return "unknown";
  }
}
