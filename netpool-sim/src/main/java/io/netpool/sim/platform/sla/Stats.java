package io.netpool.sim.platform.sla;

import java.util.List;

/** Min, average, max, sum and square sum of a list of milliseconds, rounded as routers print. */
record Stats(int count, long min, long avg, long max, long sum, long squareSum) {

  static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0);

  /** Integer statistics of these values (each rounded to whole ms first). */
  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long sum = 0;
    long sq = 0;
    for (double v : values) {
      long x = Math.round(v);
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      sq += x * x;
    }
    return new Stats(values.size(), min, Math.round((double) sum / values.size()), max, sum, sq);
  }

  /** Microseconds, for Junos. */
  static Stats micros(List<Double> values) {
    return of(values.stream().map(v -> v * 1000).toList());
  }

  /** Population standard deviation in the values' unit. */
  static long stddev(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    double avg = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = values.stream().mapToDouble(v -> (v - avg) * (v - avg)).sum() / values.size();
    return Math.round(Math.sqrt(var));
  }
}
