package io.netpool.monitor.probe;

import java.util.List;

/** Test access to {@link PingProbe}'s masking of secrets in outputs. */
public final class PingProbeMask {
  private PingProbeMask() {}

  public static String mask(String output, List<String> secrets) {
    return PingProbe.mask(output, secrets);
  }
}
