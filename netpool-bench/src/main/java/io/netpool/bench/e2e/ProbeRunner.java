package io.netpool.bench.e2e;

import io.netpool.monitor.inventory.DeviceSpec;
import io.netpool.monitor.inventory.LineSpec;

/** How a baseline variant gets a session and pings with it. */
interface ProbeRunner extends AutoCloseable {

  /** One ping of {@code line} from {@code router}; never throws for device or session trouble. */
  ProbeOutcome probe(LineSpec line, DeviceSpec router) throws InterruptedException;

  /** Counts for the report. */
  default java.util.Map<String, Object> details() {
    return java.util.Map.of();
  }

  @Override
  void close();
}
