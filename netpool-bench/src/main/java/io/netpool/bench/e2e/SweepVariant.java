package io.netpool.bench.e2e;

import java.time.Duration;
import java.util.Map;

/** One way of running the ping sweep: netpool's monitor, Commons Pool 2, or no pool. */
interface SweepVariant extends AutoCloseable {

  /** Starts probing every line on the schedule; outcomes go to the recorder. */
  void start();

  /** Starts no more probes and gives running ones up to {@code drain} to finish. */
  void stop(Duration drain) throws InterruptedException;

  /** Variant-specific counts for the report (skipped runs, pool state). */
  Map<String, Object> details();

  @Override
  void close();
}
