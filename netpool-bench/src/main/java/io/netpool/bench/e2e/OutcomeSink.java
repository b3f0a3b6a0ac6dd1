package io.netpool.bench.e2e;

import io.netpool.monitor.ping.PingResult;
import java.time.Instant;

/** Where a variant reports each probe: due and done times, the parsed ping or a failure kind. */
@FunctionalInterface
interface OutcomeSink {
  /**
   * @param failure the failure kind (lower case), or null when the ping ran and was parsed
   */
  void record(String lineId, Instant due, Instant done, PingResult ping, String failure);
}
