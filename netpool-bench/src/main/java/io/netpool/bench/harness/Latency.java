package io.netpool.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;

/** Percentiles of a nanosecond histogram, in microseconds, for the result files. */
public final class Latency {
  private Latency() {}

  /** count, mean, p50, p90, p99, p99.9, p99.99 and max in microseconds. */
  public static Map<String, Object> summary(AbstractHistogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    m.put("mean_us", h.getTotalCount() == 0 ? 0.0 : h.getMean() / 1000.0);
    m.put("p50_us", us(h, 50));
    m.put("p90_us", us(h, 90));
    m.put("p99_us", us(h, 99));
    m.put("p99_9_us", us(h, 99.9));
    m.put("p99_99_us", us(h, 99.99));
    m.put("max_us", h.getMaxValue() / 1000.0);
    return m;
  }

  private static double us(AbstractHistogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }
}
