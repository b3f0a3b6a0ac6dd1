package io.netpool.monitor.probe;

import java.util.List;

/** Test access to the masking of secrets in outputs ({@link SecretMask}). */
public final class PingProbeMask {
  private PingProbeMask() {}

  public static String mask(String output, List<String> secrets) {
    return SecretMask.ofValues(secrets).apply(output);
  }
}
